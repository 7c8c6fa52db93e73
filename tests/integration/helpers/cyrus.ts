import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { generateGrantSql } from '@/lib/mail/config/grant';
import { ImapSession } from '@/lib/mail/cyrus/imap-client';
import type { CyrusConnection } from '@/lib/mail/cyrus/operations';
import { str } from '@/lib/mail/cyrus/imap-syntax';
import { withSql } from './database';
import type { SmtpSink } from './smtp-sink';

// The private Cyrus of scripts/cyrus/, started fresh once per test file and stopped afterwards.
// Its admin password and the database password of pam_mysql's account are written to break out.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');

export const CYRUS_PORTS = {
  imap: Number(process.env.CYRUS_IMAP_PORT ?? 10343),
  lmtp: Number(process.env.CYRUS_LMTP_PORT ?? 10324),
  sieve: Number(process.env.CYRUS_SIEVE_PORT ?? 14190),
} as const;

/** quotes, a backslash, '#', ';' and an 8-bit character (sent as an IMAP literal) */
export const CYRUS_ADMIN_PASSWORD = `adm"in\\ pé#;'x`;
// pam_mysql's file cannot hold ';' (refused by the generator): everything else hostile
const PAM_DB_PASSWORD = `pm"p'a\\ss#w $rd=--`;

export const CYRUS: CyrusConnection = { host: '127.0.0.1', port: CYRUS_PORTS.imap, tls: false, adminUser: 'cyrus', adminPassword: CYRUS_ADMIN_PASSWORD };

function secretFile(content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cyrus-')), 'secret');
  writeFileSync(file, `${content}\n`, { mode: 0o600 });
  return file;
}

export async function cyrusScript(name: 'start.sh' | 'stop.sh', args: string[] = []): Promise<void> {
  try {
    await run('bash', [path.join(root, 'scripts/cyrus', name), ...args], { cwd: root, timeout: 180_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`scripts/cyrus/${name} failed: ${e.stderr || e.message}`);
  }
}

let startArgs: string[] = [];

/** Starts Cyrus again on the data it had (after stopCyrus), as a restarted server would. */
export async function restartCyrus(): Promise<void> {
  await cyrusScript('start.sh', startArgs);
}

export async function stopCyrus(): Promise<void> {
  await cyrusScript('stop.sh');
}

/** A self-signed certificate for 127.0.0.1 (and the instance's server name): `ca` for clients that trust it. */
async function selfSignedCertificate(): Promise<{ cert: string; key: string; ca: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cyrus-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=cyrus.mailroom.test', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:cyrus.mailroom.test', '-keyout', key, '-out', cert]);
  return { cert, key, ca: readFileSync(cert, 'utf8') };
}

let tlsCa = '';

/** The certificate of a Cyrus started with `tls: true` (to trust it in a client). */
export function cyrusTlsCa(): string {
  return tlsCa;
}

/**
 * Starts a fresh Cyrus for this test file; with `authDatabase`, mailbox owners of that database log
 * in through saslauthd -> PAM -> pam_mysql, over a read-only account made for the purpose. With
 * `smtpSink` (registered before), the mail Cyrus sends (vacation replies) goes to that catcher; with
 * `tls`, IMAP and sieve offer STARTTLS with a self-signed certificate (cyrusTlsCa()).
 */
export function useCyrus(opts: { authDatabase?: () => string; smtpSink?: () => SmtpSink; tls?: boolean } = {}): void {
  let account: { url: string; user: string } | null = null;
  beforeAll(async () => {
    const args = ['--admin-password-file', secretFile(CYRUS_ADMIN_PASSWORD)];
    if (opts.smtpSink) args.push('--smtp-port', String(opts.smtpSink().port));
    if (opts.tls) {
      const { cert, key, ca } = await selfSignedCertificate();
      tlsCa = ca;
      args.push('--tls-cert', cert, '--tls-key', key);
    }
    if (opts.authDatabase) {
      const url = new URL(opts.authDatabase());
      const dbName = url.pathname.slice(1);
      const user = `ro_cy_${randomBytes(3).toString('hex')}`;
      await withSql(url.toString(), (conn) => conn.query(generateGrantSql({ dbName, dbUser: user, dbPassword: PAM_DB_PASSWORD, grantHost: '127.0.0.1' })));
      account = { url: url.toString(), user };
      args.push('--db-host', '127.0.0.1', '--db-port', url.port, '--db-name', dbName, '--db-user', user, '--db-password-file', secretFile(PAM_DB_PASSWORD));
    }
    startArgs = args;
    await cyrusScript('start.sh', [...args, '--fresh']);
  });
  afterAll(async () => {
    await cyrusScript('stop.sh');
    if (account) {
      const { url, user } = account;
      await withSql(url, (conn) => conn.query('DROP USER IF EXISTS ?@?', [user, '127.0.0.1']));
    }
  });
}

/** Runs `fn` in an admin session on the test Cyrus (to look at what the operations did). */
export async function asCyrusAdmin<T>(fn: (session: ImapSession) => Promise<T>): Promise<T> {
  const session = await ImapSession.open(CYRUS);
  try {
    await session.login(CYRUS.adminUser, CYRUS.adminPassword);
    return await fn(session);
  } finally {
    session.close();
  }
}

/** Every mailbox name on the server (admin view). */
export async function listAllMailboxes(): Promise<string[]> {
  return asCyrusAdmin(async (s) => {
    const { data } = await s.run('LIST', [str(''), str('*')]);
    return data.filter((d) => d[0] === 'LIST').map((d) => String(d[3])).sort();
  });
}
