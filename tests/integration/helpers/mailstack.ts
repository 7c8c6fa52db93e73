import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { applyMigrations } from '@/lib/db/migrate';
import { generateGrantSql } from '@/lib/mail/config/grant';
import { POSTFIX_MAP_FILES } from '@/lib/mail/postfix/config';
import type { PostfixMap } from '@/lib/mail/config/queries';
import { createTestDatabase, withSql } from './database';
import { imapQuote, openImap } from './mail-protocols';

// The private Postfix and Dovecot of scripts/mailstack/, started once per test file on a fresh database,
// each reading it through its own read-only account whose password is written to break out of the files.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
// the same variables and defaults as scripts/mailstack/lib.sh, so two stacks can run side by side
const dir = process.env.MAILSTACK_DIR ?? path.join(root, 'var/test/mailstack');
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const PORTS = {
  smtp: port('MAILSTACK_SMTP_PORT', 10025),
  imap: port('MAILSTACK_IMAP_PORT', 10143),
  lmtp: port('MAILSTACK_LMTP_PORT', 10024),
  sieve: port('MAILSTACK_SIEVE_PORT', 10190),
} as const;
export const LMTP_TRANSPORT = `lmtp:inet:127.0.0.1:${PORTS.lmtp}`;
export const VMAIL_DIR = path.join(dir, 'vmail');
export const POSTFIX_ETC = path.join(dir, 'postfix/etc');
export const DOVECOT_CONF = path.join(dir, 'dovecot/etc/dovecot.conf');
export const DOVECOT_LOG = path.join(dir, 'dovecot/dovecot.log');

// Postfix .cf values may hold blanks; Dovecot's connect string may not (see lib/mail/dovecot/config.ts).
const POSTFIX_DB_PASSWORD = `pf "p'a\\ss#w $rd;--`;
const DOVECOT_DB_PASSWORD = `dc"p'a\\ss#w$rd;--`;
/** Dovecot's master user for ManageSieve (Mailroom keeps it in its settings); the password is written to break out too */
export const SIEVE_MASTER = { user: 'mailroom-sieve', password: `ms "p'a\\ss#w:$rd;--` } as const;

export interface MailStack {
  dbUrl: string;
}

async function createReadOnlyAccount(adminUrl: string, dbName: string, user: string, password: string): Promise<void> {
  const sql = generateGrantSql({ dbName, dbUser: user, dbPassword: password, grantHost: '127.0.0.1' });
  await withSql(adminUrl, (conn) => conn.query(sql));
}

function passwordFile(password: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mailstack-')), 'db-password');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return file;
}

async function script(name: string, args: string[] = [], env: Record<string, string> = {}): Promise<void> {
  try {
    await run('bash', [path.join(root, 'scripts/mailstack', name), ...args], { cwd: root, timeout: 120_000, env: { ...process.env, ...env } });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${name} failed: ${e.stderr || e.message}`);
  }
}

/**
 * Starts Dovecot and Postfix for this test file on a new migrated database (Maildirs wiped first);
 * stops them afterwards. Returns a getter for the database URL (the tests insert fixture rows there).
 */
export function useMailStack(): () => MailStack {
  let stack: MailStack | undefined;
  const accounts: string[] = [];
  beforeAll(async () => {
    const dbUrl = await createTestDatabase('mail');
    await applyMigrations(dbUrl);
    const url = new URL(dbUrl);
    const dbName = url.pathname.slice(1);
    const suffix = randomBytes(3).toString('hex');
    const common = ['--db-host', '127.0.0.1', '--db-port', url.port, '--db-name', dbName];
    const credentials = [
      { target: 'dovecot', user: `ro_dc_${suffix}`, password: DOVECOT_DB_PASSWORD },
      { target: 'postfix', user: `ro_pf_${suffix}`, password: POSTFIX_DB_PASSWORD },
    ];
    await rm(VMAIL_DIR, { recursive: true, force: true });
    for (const c of credentials) {
      await createReadOnlyAccount(dbUrl, dbName, c.user, c.password);
      accounts.push(c.user);
      const master = { MAILSTACK_SIEVE_MASTER_USER: SIEVE_MASTER.user, MAILSTACK_SIEVE_MASTER_PASSWORD_FILE: passwordFile(SIEVE_MASTER.password) };
      await script(`start-${c.target}.sh`, [...common, '--db-user', c.user, '--db-password-file', passwordFile(c.password)], c.target === 'dovecot' ? master : {});
    }
    stack = { dbUrl };
  });
  afterAll(async () => {
    await script('stop-postfix.sh');
    await script('stop-dovecot.sh');
    if (stack) {
      const { dbUrl } = stack;
      for (const user of accounts) await withSql(dbUrl, (conn) => conn.query('DROP USER IF EXISTS ?@?', [user, '127.0.0.1']));
    }
  });
  return () => {
    if (!stack) throw new Error('the mail stack is not started');
    return stack;
  };
}

/** `postmap -q KEY mysql:FILE.cf` on a generated map: its answer, or null when the key is not found. */
export async function postmapQuery(map: PostfixMap, key: string): Promise<string | null> {
  try {
    const { stdout } = await run('postmap', ['-c', POSTFIX_ETC, '-q', key, `mysql:${path.join(POSTFIX_ETC, 'sql', POSTFIX_MAP_FILES[map])}`]);
    return stdout.trim();
  } catch (err) {
    const e = err as { code?: number; stderr?: string };
    if (e.code === 1 && !e.stderr) return null; // not found; a failed lookup prints its error
    throw new Error(`postmap ${map} ${key} failed: ${e.stderr ?? String(err)}`);
  }
}

/** `doveadm -c CONF ARGS...` on the private Dovecot. */
export async function doveadm(...args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('doveadm', ['-c', DOVECOT_CONF, ...args]);
    return { ok: true, stdout, stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

/** The messages in a Maildir (relative to the mail base, as in mailbox.maildir), by file name. */
/** Whether Dovecot's passdb accepts this user and password (`doveadm auth test`). */
export const dovecotAccepts = async (user: string, password: string) => (await doveadm('auth', 'test', user, password)).ok;

/** The status of an IMAP LOGIN on the test Dovecot: OK, NO or BAD. */
export async function imapLogin(user: string, password: string): Promise<string> {
  const imap = await openImap(PORTS.imap);
  try {
    return (await imap.command(`LOGIN ${imapQuote(user)} ${imapQuote(password)}`)).status;
  } finally {
    imap.close();
  }
}

export async function readMaildir(maildir: string): Promise<{ file: string; content: string }[]> {
  const out = [];
  for (const sub of ['new', 'cur']) {
    const folder = path.join(VMAIL_DIR, maildir, sub);
    const files = await readdir(folder).catch(() => [] as string[]);
    for (const file of files) out.push({ file: path.join(folder, file), content: await readFile(path.join(folder, file), 'utf8') });
  }
  return out;
}

/** Polls until a message whose Subject is `marker` is in the Maildir (deadline 20 s). */
export async function waitForMail(maildir: string, marker: string): Promise<{ file: string; content: string }> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const hit = (await readMaildir(maildir)).find((m) => m.content.includes(`Subject: ${marker}\n`) || m.content.includes(`Subject: ${marker}\r\n`));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no message "${marker}" in ${maildir} within 20 s; see var/test/mailstack/postfix/maillog`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A unique Subject for one test message. */
export function marker(name: string): string {
  return `${name}-${randomBytes(4).toString('hex')}`;
}
