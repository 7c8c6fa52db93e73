import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mariadb from 'mariadb';
import { parseDatabaseUrl } from '../lib/db/connection';
import { generateGrantSql } from '../lib/mail/config/grant';
import { sql } from './fixtures';

// The private Postfix and Dovecot of scripts/mailstack/ for the browser tests, reading the e2e database,
// with Mailroom's settings pointing at its ManageSieve (master user) and its IMAP/SMTP ports. Ports and
// folder come from the same MAILSTACK_* variables as the scripts; the folder defaults to var/e2e/mailstack.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, MAILSTACK_DIR: process.env.MAILSTACK_DIR ?? path.join(root, 'var/e2e/mailstack') };
const dir = env.MAILSTACK_DIR;
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const MAIL_PORTS = {
  smtp: port('MAILSTACK_SMTP_PORT', 10025),
  imap: port('MAILSTACK_IMAP_PORT', 10143),
  lmtp: port('MAILSTACK_LMTP_PORT', 10024),
  sieve: port('MAILSTACK_SIEVE_PORT', 10190),
};
export const LMTP_TRANSPORT = `lmtp:inet:127.0.0.1:${MAIL_PORTS.lmtp}`;
const DOVECOT_CONF = path.join(dir, 'dovecot/etc/dovecot.conf');
const MASTER = { user: 'mailroom-sieve', password: `e2e "master\\ ${randomBytes(4).toString('hex')}` };
const accounts: string[] = [];

function passwordFile(password: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mailstack-e2e-')), 'password');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return file;
}

async function createReadOnlyAccount(grantSql: string): Promise<void> {
  const { connectionLimit: _unused, ...options } = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
  const conn = await mariadb.createConnection({ ...options, multipleStatements: true });
  try {
    await conn.query(grantSql);
  } finally {
    await conn.end();
  }
}

async function script(name: string, args: string[] = [], extra: Record<string, string> = {}): Promise<void> {
  try {
    await run('bash', [path.join(root, 'scripts/mailstack', name), ...args], { cwd: root, timeout: 180_000, env: { ...env, ...extra } });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${name} failed: ${e.stderr || e.message}`);
  }
}

/** Starts Dovecot and Postfix on the e2e database (Maildirs wiped) and stores the settings Mailroom uses to reach them. */
export async function startMailStack(): Promise<void> {
  const url = new URL(process.env.DATABASE_URL ?? '');
  const dbName = url.pathname.slice(1);
  const suffix = randomBytes(3).toString('hex');
  await rm(path.join(dir, 'vmail'), { recursive: true, force: true });
  for (const target of ['dovecot', 'postfix'] as const) {
    const user = `e2e_${target.slice(0, 2)}_${suffix}`;
    const password = randomBytes(12).toString('hex');
    await createReadOnlyAccount(generateGrantSql({ dbName, dbUser: user, dbPassword: password, grantHost: '127.0.0.1' }));
    accounts.push(user);
    const master: Record<string, string> = target === 'dovecot' ? { MAILSTACK_SIEVE_MASTER_USER: MASTER.user, MAILSTACK_SIEVE_MASTER_PASSWORD_FILE: passwordFile(MASTER.password) } : {};
    await script(`start-${target}.sh`, ['--db-host', '127.0.0.1', '--db-port', url.port, '--db-name', dbName, '--db-user', user, '--db-password-file', passwordFile(password)], master);
  }
  const manageSieve = { host: '127.0.0.1', port: MAIL_PORTS.sieve, masterUser: MASTER.user, masterPassword: MASTER.password };
  const clients = { imapHost: 'imap.mailstack.test', imapPort: MAIL_PORTS.imap, imapSecurity: 'none', smtpHost: 'smtp.mailstack.test', smtpPort: MAIL_PORTS.smtp, smtpSecurity: 'none' };
  for (const [name, value] of [['manageSieve', manageSieve], ['mailClients', clients]] as const) {
    await sql('REPLACE INTO mailroom_setting (name, value) VALUES (?, ?)', [name, JSON.stringify(value)]);
  }
}

/** Stops both daemons, drops their database accounts and removes the settings pointing at them. */
export async function stopMailStack(): Promise<void> {
  await script('stop-postfix.sh');
  await script('stop-dovecot.sh');
  for (const user of accounts.splice(0)) await sql('DROP USER IF EXISTS ?@?', [user, '127.0.0.1']);
  await sql("DELETE FROM mailroom_setting WHERE name IN ('manageSieve', 'mailClients')");
}

/** `doveadm auth test USER PASSWORD` on the private Dovecot: whether it accepts the password. */
export async function dovecotAccepts(user: string, password: string): Promise<boolean> {
  return run('doveadm', ['-c', DOVECOT_CONF, 'auth', 'test', user, password]).then(
    () => true,
    () => false,
  );
}

/** The contents of the messages in a Maildir (relative to the mail base, as in mailbox.maildir). */
export async function readMaildir(maildir: string): Promise<string[]> {
  const out: string[] = [];
  for (const sub of ['new', 'cur']) {
    const folder = path.join(dir, 'vmail', maildir, sub);
    for (const file of await readdir(folder).catch(() => [] as string[])) out.push(await readFile(path.join(folder, file), 'utf8'));
  }
  return out;
}

/** Messages of a Maildir whose Subject line is exactly `subject`. */
export async function withSubject(maildir: string, subject: string): Promise<string[]> {
  return (await readMaildir(maildir)).filter((m) => m.split(/\r?\n/).includes(`Subject: ${subject}`));
}

/** Dovecot's log lines about one message (its Message-ID). */
export async function logLinesFor(messageId: string): Promise<string[]> {
  const log = await readFile(path.join(dir, 'dovecot/dovecot.log'), 'utf8').catch(() => '');
  return log.split('\n').filter((l) => l.includes(`msgid=<${messageId}>`));
}
