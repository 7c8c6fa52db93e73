import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { ImapSession } from '../lib/mail/cyrus/imap-client';
import { str } from '../lib/mail/cyrus/imap-syntax';
import { readCyrusUsage, type CyrusUsage } from '../lib/mail/cyrus/operations';

// The private Cyrus of scripts/cyrus/ for the browser tests (folder var/e2e/cyrus, ports from the
// same CYRUS_* variables as the scripts), and what the specs check on it: its mailboxes, a user's
// quota, and mail delivered over its LMTP as Postfix delivers for a Cyrus-backed domain.

export const CYRUS_IMAP_PORT = Number(process.env.CYRUS_IMAP_PORT ?? 10343);
const LMTP_PORT = Number(process.env.CYRUS_LMTP_PORT ?? 10324);
export const CYRUS_SIEVE_PORT = Number(process.env.CYRUS_SIEVE_PORT ?? 14190);
export const CYRUS_ADMIN_PASSWORD = `e2e "cyrus" adm\\n pw`;
const CYRUS = { host: '127.0.0.1', port: CYRUS_IMAP_PORT, tls: false, adminUser: 'cyrus', adminPassword: CYRUS_ADMIN_PASSWORD };
const env = { ...process.env, CYRUS_DIR: path.resolve('var/e2e/cyrus') };
let passwordFile = '';

/** Starts Cyrus: `fresh` wipes its mailboxes first; otherwise it comes back with what it had (after stopCyrus). */
export function startCyrus(opts: { fresh?: boolean } = {}): void {
  if (!passwordFile) {
    passwordFile = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-cyrus-')), 'pw');
    writeFileSync(passwordFile, `${CYRUS_ADMIN_PASSWORD}\n`, { mode: 0o600 });
  }
  execFileSync('bash', ['scripts/cyrus/start.sh', '--admin-password-file', passwordFile, ...(opts.fresh ? ['--fresh'] : [])], { env, stdio: 'pipe', timeout: 180_000 });
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

/** Delivers a message of about `size` bytes over Cyrus's LMTP (what Postfix does for a Cyrus-backed domain). */
export async function deliverToCyrus(to: string, size: number): Promise<void> {
  const socket = net.connect(LMTP_PORT, '127.0.0.1');
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (buffer += chunk));
  const reply = async (): Promise<string> => {
    const deadline = Date.now() + 10_000;
    while (!/^\d{3} [^\r\n]*\r\n/m.test(buffer)) {
      if (Date.now() > deadline) throw new Error(`no LMTP reply: ${buffer}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const line = /^(\d{3}) [^\r\n]*\r\n/m.exec(buffer)?.[0] ?? '';
    buffer = buffer.slice(buffer.indexOf(line) + line.length);
    return line;
  };
  const send = async (line: string) => {
    socket.write(`${line}\r\n`);
    return reply();
  };
  await reply();
  await send('LHLO e2e.test');
  await send('MAIL FROM:<e2e@elsewhere.test>');
  expect(await send(`RCPT TO:<${to}>`)).toMatch(/^250/);
  expect(await send('DATA')).toMatch(/^354/);
  const body = Array.from({ length: Math.ceil(size / 76) }, () => 'x'.repeat(74)).join('\r\n');
  expect(await send(`Subject: e2e\r\nFrom: <e2e@elsewhere.test>\r\n\r\n${body}\r\n.`)).toMatch(/^250/);
  socket.end('QUIT\r\n');
}
