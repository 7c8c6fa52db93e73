import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { ImapSession } from '../lib/mail/cyrus/imap-client';
import { atom, str } from '../lib/mail/cyrus/imap-syntax';
import { readCyrusUsage, type CyrusUsage } from '../lib/mail/cyrus/operations';
import { ManageSieveClient, type ScriptInfo } from '../lib/mail/sieve/managesieve';
import { readVacationRecordTimes } from '../tests/integration/helpers/cyrus-deliver-db';
import { openSmtp, testMessage } from '../tests/integration/helpers/mail-protocols';

// The private Cyrus of scripts/cyrus/ for the browser tests (folder var/e2e/cyrus, ports from the
// same CYRUS_* variables as the scripts), and what the specs check on it: its mailboxes, a user's
// quota, mail delivered over its LMTP as Postfix delivers for a Cyrus-backed domain, a mailbox's Sieve
// scripts, and the senders its vacation replies remember.

export const CYRUS_IMAP_PORT = Number(process.env.CYRUS_IMAP_PORT ?? 10343);
const LMTP_PORT = Number(process.env.CYRUS_LMTP_PORT ?? 10324);
export const CYRUS_SIEVE_PORT = Number(process.env.CYRUS_SIEVE_PORT ?? 14190);
export const CYRUS_ADMIN_PASSWORD = `e2e "cyrus" adm\\n pw`;
const CYRUS = { host: '127.0.0.1', port: CYRUS_IMAP_PORT, tls: false, adminUser: 'cyrus', adminPassword: CYRUS_ADMIN_PASSWORD };
const CYRUS_DIR = path.resolve('var/e2e/cyrus');
const env = { ...process.env, CYRUS_DIR };
let passwordFile = '';
let smtpArgs: string[] = [];

/**
 * Starts Cyrus: `fresh` wipes its mailboxes first; otherwise it comes back with what it had (after
 * stopCyrus). With `smtpPort` (kept for the restarts), the mail Cyrus sends (vacation replies) goes
 * to 127.0.0.1 on that port, a catcher of the spec's own; without, nowhere.
 */
export function startCyrus(opts: { fresh?: boolean; smtpPort?: number } = {}): void {
  if (!passwordFile) {
    passwordFile = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-cyrus-')), 'pw');
    writeFileSync(passwordFile, `${CYRUS_ADMIN_PASSWORD}\n`, { mode: 0o600 });
  }
  if (opts.smtpPort !== undefined) smtpArgs = ['--smtp-port', String(opts.smtpPort)];
  execFileSync('bash', ['scripts/cyrus/start.sh', '--admin-password-file', passwordFile, ...smtpArgs, ...(opts.fresh ? ['--fresh'] : [])], { env, stdio: 'pipe', timeout: 180_000 });
}

export function stopCyrus(): void {
  execFileSync('bash', ['scripts/cyrus/stop.sh'], { env, stdio: 'pipe', timeout: 60_000 });
}

async function asAdmin<T>(work: (session: ImapSession) => Promise<T>): Promise<T> {
  const session = await ImapSession.open(CYRUS);
  try {
    await session.login(CYRUS.adminUser, CYRUS.adminPassword);
    return await work(session);
  } finally {
    session.close();
  }
}

/** The user mailboxes and folders of a domain on Cyrus (admin names), sorted. */
export function cyrusMailboxes(domain: string): Promise<string[]> {
  return asAdmin(async (s) => (await s.run('LIST', [str(''), str(`user/*@${domain}`)])).data.map((d) => String(d[3])).sort());
}

/** Creates a user mailbox on Cyrus behind Mailroom's back (an orphan). */
export function createOnCyrus(username: string): Promise<void> {
  return asAdmin(async (s) => {
    await s.run('CREATE', [str(`user/${username}`)]);
  });
}

/** A user's quota root on Cyrus (KiB), null without a mailbox. */
export async function cyrusQuota(username: string): Promise<CyrusUsage | null> {
  return (await readCyrusUsage(CYRUS, [username])).get(username) ?? null;
}

let count = 0;

/**
 * Delivers one message (of about `size` bytes) over Cyrus's LMTP, as Postfix does for a Cyrus-backed
 * domain. Sieve runs, and Cyrus sends any vacation reply, before LMTP answers 250: once this returns,
 * every reply to it has been sent. Returns its Subject (`name` and a unique number) and Message-ID.
 */
export async function deliverToCyrus(to: string, opts: { from?: string; name?: string; size?: number } = {}): Promise<{ subject: string; id: string }> {
  const from = opts.from ?? 'e2e@elsewhere.test';
  const subject = `${opts.name ?? 'e2e'}-${process.pid}-${++count}`;
  const lmtp = await openSmtp(LMTP_PORT, 'lmtp');
  try {
    expect((await lmtp.command(`MAIL FROM:<${from}>`)).code).toBe(250);
    expect((await lmtp.command(`RCPT TO:<${to}>`)).code).toBe(250);
    const [reply] = await lmtp.data(testMessage(from, to, subject, opts.size));
    expect(reply?.code).toBe(250);
  } finally {
    await lmtp.quit();
  }
  return { subject, id: `${subject}@tests.mailroom.test` };
}

/** How many messages of a user's INBOX carry `subject` (the admin looks). */
export function countInInbox(username: string, subject: string): Promise<number> {
  return asAdmin(async (s) => {
    await s.run('EXAMINE', [str(`user/${username}`)]);
    const { data } = await s.run('SEARCH', [atom('HEADER'), str('Subject'), str(subject)]);
    return data.filter((d) => String(d[0]).toUpperCase() === 'SEARCH').flatMap((d) => d.slice(1)).length;
  });
}

/** A mailbox's Sieve scripts on Cyrus (sorted by name) and the text of `read`, over ManageSieve as the Cyrus admin acting for it. */
export async function cyrusSieve(username: string, read?: string): Promise<{ scripts: ScriptInfo[]; text: string | null }> {
  const client = await ManageSieveClient.connect({ host: '127.0.0.1', port: CYRUS_SIEVE_PORT });
  try {
    await client.authenticatePlain(CYRUS.adminUser, CYRUS.adminPassword, username);
    const scripts = (await client.listScripts()).sort((a, b) => a.name.localeCompare(b.name));
    const text = read && scripts.some((s) => s.name === read) ? await client.getScript(read) : null;
    await client.logout();
    return { scripts, text };
  } finally {
    client.close();
  }
}

/** The senders Cyrus's vacation remembers for `username` (its deliver.db): when it will next reply to each, Unix seconds. */
export function vacationRecordTimes(username: string): Promise<number[]> {
  return readVacationRecordTimes(CYRUS_DIR, username);
}

/** A logged-in mailbox owner switches their out-of-office reply on from their account (dates `YYYY-MM-DD`). */
export async function switchOwnReplyOn(owner: Page, reply: { subject: string; body: string; from: string; until: string; days: number }): Promise<void> {
  await owner.goto('/account');
  await owner.getByRole('link', { name: 'Out-of-office reply' }).first().click();
  await owner.getByLabel('Subject').fill(reply.subject);
  await owner.getByLabel('Message').fill(reply.body);
  await owner.getByLabel('First day').fill(reply.from);
  await owner.getByLabel('Last day').fill(reply.until);
  await owner.getByLabel('Reply to each sender at most once every').fill(String(reply.days));
  await owner.getByRole('button', { name: 'Switch the reply on' }).click();
  await expect(owner.getByRole('status')).toHaveText('The reply is saved and in effect.');
  await expect(owner.getByTestId('vacation-state')).toContainText('on: replies are sent until');
}

/** The owner, on their reply's page, switches it off. */
export async function switchOwnReplyOff(owner: Page): Promise<void> {
  await owner.getByRole('button', { name: 'Switch the reply off' }).click();
  await expect(owner.getByRole('status').filter({ hasText: 'The reply is switched off.' })).toBeVisible();
  await expect(owner.getByTestId('vacation-state')).toContainText('off.');
}

const mailboxesUrl = (domain: string) => `/domains/${domain}/mailboxes`;

/** The superadmin creates a mailbox of `domain` through the mailbox form (its password: `<local> e2e password`). */
export async function createThroughForm(page: Page, domain: string, local: string, quotaMib: string): Promise<void> {
  await page.goto(`${mailboxesUrl(domain)}/new`);
  await page.getByLabel('Address', { exact: true }).fill(local);
  await page.getByLabel('Password', { exact: true }).fill(`${local} e2e password`);
  await page.getByLabel('Password (again)').fill(`${local} e2e password`);
  await page.getByLabel('Quota (MiB)').fill(quotaMib);
  await page.getByRole('button', { name: 'Create the mailbox' }).click();
  await expect(page).toHaveURL(new RegExp(`${mailboxesUrl(domain)}\\?created=1$`));
}

/** The superadmin deletes a Cyrus-stored mailbox through its delete form. */
export async function deleteThroughForm(page: Page, address: string): Promise<void> {
  const list = mailboxesUrl(address.split('@')[1] ?? '');
  await page.goto(`${list}/${encodeURIComponent(address)}/delete`);
  await expect(page.getByText('Its mailbox on Cyrus, with all its folders and mail, is deleted right after')).toBeVisible();
  await page.getByRole('button', { name: 'Delete the mailbox' }).click();
  await expect(page).toHaveURL(new RegExp(`${list}\\?deleted=1$`));
}
