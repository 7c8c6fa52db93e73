import path from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { getDb } from '@/lib/db/client';
import { atom, str } from '@/lib/mail/cyrus/imap-syntax';
import { ensureCyrusMailbox } from '@/lib/mail/cyrus/operations';
import { saveCyrusSettings } from '@/lib/mail/cyrus/settings';
import { ManageSieveClient } from '@/lib/mail/sieve/managesieve';
import { saveDomainStorage } from '@/lib/settings/storage-backend';
import { listSieveScripts } from '@/lib/vacation/sieve';
import { saveManageSieveSettings } from '@/lib/vacation/sieve-settings';
import { useMigratedDatabase } from './app-db';
import { asCyrusAdmin, CYRUS, CYRUS_ADMIN_PASSWORD, CYRUS_PORTS, useCyrus } from './cyrus';
import { readVacationRecordTimes } from './cyrus-deliver-db';
import { openSmtp, testMessage } from './mail-protocols';
import { insertMailboxes } from './mail-fixtures';
import { insertDomain } from './mailboxes';
import { startSmtpSink, type RunningSmtpSink, type SmtpSink } from './smtp-sink';

// Out-of-office replies on Cyrus, end to end: Mailroom's database (a Cyrus-backed domain `cy.test`
// and a Dovecot one `dove.test`), the real Cyrus (mailboxes made by ensureCyrusMailbox), mail
// delivered over Cyrus's LMTP, and Cyrus's replies caught over SMTP.

const root = path.resolve(import.meta.dirname, '../../..');

export const CYRUS_DOMAIN = 'cy.test';
export const DOVECOT_DOMAIN = 'dove.test';
/** Mailroom's login to timsieved: the Cyrus admin acting for the mailbox */
export const CYRUS_SIEVE = { host: '127.0.0.1', port: CYRUS_PORTS.sieve, masterUser: 'cyrus', masterPassword: CYRUS_ADMIN_PASSWORD };
export const CYRUS_SETTINGS = { host: '127.0.0.1', port: CYRUS.port, tls: false, adminUser: 'cyrus', quotaWarnPercent: 90, sievePort: CYRUS_PORTS.sieve, adminPassword: CYRUS_ADMIN_PASSWORD };

/**
 * The database, the SMTP catcher and Cyrus for this file; `mailboxes` (local parts of cy.test, with
 * their folders) are made in both. Dovecot's ManageSieve settings point at a closed port: a Cyrus
 * mailbox that went there would fail.
 */
export function useCyrusVacation(mailboxes: Record<string, string[]>): { dbUrl: () => string; sink: () => SmtpSink } {
  const dbUrl = useMigratedDatabase();
  const sink = useSmtpSink();
  useCyrus({ smtpSink: sink, tls: true });
  beforeAll(async () => {
    const db = getDb();
    await insertDomain(dbUrl(), CYRUS_DOMAIN);
    await insertDomain(dbUrl(), DOVECOT_DOMAIN);
    await saveDomainStorage(db, CYRUS_DOMAIN, { backend: 'cyrus', folders: [] });
    await saveCyrusSettings(db, CYRUS_SETTINGS);
    await saveManageSieveSettings(db, { host: '127.0.0.1', port: 1, masterUser: 'mailroom-sieve', masterPassword: 'dovecot only' });
    await insertMailboxes(dbUrl(), Object.keys(mailboxes).map((l) => ({ username: `${l}@${CYRUS_DOMAIN}` })));
    for (const [local, folders] of Object.entries(mailboxes)) await ensureCyrusMailbox(CYRUS, { username: `${local}@${CYRUS_DOMAIN}`, quotaBytes: 0n, folders });
  });
  return { dbUrl, sink };
}

/** The mailbox's scripts, by name. */
export async function cyrusScripts(mailbox: string): Promise<{ name: string; active: boolean }[]> {
  return (await listSieveScripts(CYRUS_SIEVE, mailbox)).sort((a, b) => a.name.localeCompare(b.name));
}

/** A ManageSieve session acting for the mailbox, as the owner's mail program would have one. */
export async function asCyrusOwner<T>(mailbox: string, work: (c: ManageSieveClient) => Promise<T>): Promise<T> {
  const client = await ManageSieveClient.connect({ host: CYRUS_SIEVE.host, port: CYRUS_SIEVE.port });
  try {
    await client.authenticatePlain(CYRUS_SIEVE.masterUser, CYRUS_SIEVE.masterPassword, mailbox);
    return await work(client);
  } finally {
    await client.logout();
  }
}

/** Starts a catcher before this file's tests (register it before the daemon that sends to it). */
function useSmtpSink(): () => SmtpSink {
  let sink: RunningSmtpSink | null = null;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink?.close());
  return () => {
    if (!sink) throw new Error('the SMTP catcher is not started yet');
    return sink;
  };
}

let count = 0;

/**
 * Delivers one message over Cyrus's LMTP (Sieve runs, and Cyrus sends any reply, before it answers);
 * returns its Subject (the name and a unique number) and Message-ID.
 */
export async function deliverToCyrus(from: string, to: string, name: string): Promise<{ subject: string; id: string }> {
  const subject = `${name}-${process.pid}-${++count}`;
  const lmtp = await openSmtp(CYRUS_PORTS.lmtp, 'lmtp');
  try {
    expect((await lmtp.command(`MAIL FROM:<${from}>`)).code).toBe(250);
    expect((await lmtp.command(`RCPT TO:<${to}>`)).code).toBe(250);
    const [reply] = await lmtp.data(testMessage(from, to, subject));
    expect(reply?.code).toBe(250);
  } finally {
    await lmtp.quit();
  }
  return { subject, id: `${subject}@tests.mailroom.test` };
}

/** How many messages of a user's folder ('' = INBOX) carry `subject` (the admin looks). */
export async function countInFolder(mailbox: string, folder: string, subject: string): Promise<number> {
  const [local, domain] = mailbox.split('@');
  const name = folder ? `user/${local}/${folder}@${domain}` : `user/${local}@${domain}`;
  return asCyrusAdmin(async (s) => {
    await s.run('EXAMINE', [str(name)]);
    const { data } = await s.run('SEARCH', [atom('HEADER'), str('Subject'), str(subject)]);
    return data.filter((d) => String(d[0]).toUpperCase() === 'SEARCH').flatMap((d) => d.slice(1)).length;
  });
}

/** When Cyrus will next reply to a sender, per vacation record of `mailbox` (readVacationRecordTimes). */
export function vacationRecordTimes(mailbox: string): Promise<number[]> {
  return readVacationRecordTimes(process.env.CYRUS_DIR ?? path.join(root, 'var/test/cyrus'), mailbox);
}
