import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import { getDb } from '@/lib/db/client';
import { ImapSession } from '@/lib/mail/cyrus/imap-client';
import { str } from '@/lib/mail/cyrus/imap-syntax';
import { readCyrusUsage, type CyrusUsage } from '@/lib/mail/cyrus/operations';
import { saveCyrusSettings } from '@/lib/mail/cyrus/settings';
import { saveDomainStorage } from '@/lib/settings/storage-backend';
import { CYRUS, CYRUS_ADMIN_PASSWORD, CYRUS_PORTS, listAllMailboxes } from './cyrus';
import { openSmtp, testMessage } from './mail-protocols';
import { insertDomain } from './mailboxes';

// Mailboxes of Cyrus-backed domains through Mailroom's services and jobs, against the test Cyrus.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

/** Mailroom's Cyrus settings (as the settings page saves them), pointing at the test Cyrus unless told otherwise. */
export async function connectMailroomToCyrus(overrides: { port?: number; adminPassword?: string } = {}): Promise<void> {
  await saveCyrusSettings(getDb(), {
    host: CYRUS.host, port: overrides.port ?? CYRUS.port, tls: false, adminUser: CYRUS.adminUser, quotaWarnPercent: 90,
    adminPassword: overrides.adminPassword ?? CYRUS_ADMIN_PASSWORD,
  });
}

/** A loopback port nothing listens on: Cyrus "unreachable" without stopping it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A domain row stored on Cyrus, with the folders its new mailboxes get. */
export async function insertCyrusDomain(url: string, domain: string, folders: string[] = ['Sent', 'Trash']): Promise<void> {
  await insertDomain(url, domain);
  await saveDomainStorage(getDb(), domain, { backend: 'cyrus', folders });
}

/** The user's Cyrus mailboxes (admin names) of one address. */
export async function cyrusMailboxesOf(username: string): Promise<string[]> {
  const [local, domain] = username.split('@');
  return (await listAllMailboxes()).filter((n) => n === `user/${username}` || (n.startsWith(`user/${local}/`) && n.endsWith(`@${domain}`)));
}

export async function cyrusUsage(username: string): Promise<CyrusUsage | null> {
  return (await readCyrusUsage(CYRUS, [username])).get(username) ?? null;
}

/** The user's subscriptions, seen as the user (the admin acting as them). */
export async function subscriptionsOf(username: string): Promise<string[]> {
  const session = await ImapSession.open(CYRUS);
  try {
    await session.authenticatePlain(username, CYRUS.adminUser, CYRUS.adminPassword);
    return (await session.run('LSUB', [str(''), str('*')])).data.map((d) => String(d[3])).sort();
  } finally {
    session.close();
  }
}

/** Delivers a message of about `size` bytes over Cyrus's LMTP, as Postfix does for a Cyrus-backed domain. */
export async function deliverToCyrus(username: string, size: number): Promise<void> {
  const lmtp = await openSmtp(CYRUS_PORTS.lmtp, 'lmtp');
  try {
    expect((await lmtp.command('MAIL FROM:<sender@elsewhere.test>')).code).toBe(250);
    expect((await lmtp.command(`RCPT TO:<${username}>`)).code).toBe(250);
    const [reply] = await lmtp.data(testMessage('sender@elsewhere.test', username, 'cyrus-jobs', size));
    expect(reply?.code).toBe(250);
  } finally {
    await lmtp.quit();
  }
}

/** `npm run mailroom -- agent --once` as a separate process with only DATABASE_URL; its output. */
export async function runAgentOnce(databaseUrl: string): Promise<string> {
  const { NEXTAUTH_SECRET: _secret, MAILROOM_VAR_DIR: _var, ...env } = process.env;
  const { stdout } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/mailroom.ts', 'agent', '--once'], { cwd: root, env: { ...env, DATABASE_URL: databaseUrl }, timeout: 60_000 });
  return stdout;
}
