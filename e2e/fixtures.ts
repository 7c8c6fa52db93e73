import { execFileSync } from 'node:child_process';
import mariadb from 'mariadb';
import { parseDatabaseUrl } from '../lib/db/connection';

export const SUPERADMIN = { username: 'root@mailroom.test', password: 'correct horse battery' };

/** A fresh setup token, as a person gets it: from the CLI's console output. */
export function newSetupToken(): string {
  const out = execFileSync('npx', ['tsx', 'scripts/mailroom.ts', 'setup-token'], { encoding: 'utf8' });
  const token = /Setup token: ([A-Z0-9-]+)/.exec(out)?.[1];
  if (!token) throw new Error(`no token in: ${out}`);
  return token;
}

/** Runs a query on the e2e database, to assert the rows behind what the page shows. */
export async function sql<T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  const { connectionLimit: _unused, ...options } = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
  const conn = await mariadb.createConnection(options);
  try {
    return (await conn.query(query, params)) as T[];
  } finally {
    await conn.end();
  }
}

/** Creates (or resets) a domain admin for the given domains, as the superadmin's admin pages would. */
export async function seedDomainAdmin(username: string, password: string, domains: string[]): Promise<void> {
  const { hashPassword } = await import('../lib/passwords/hash');
  const hash = await hashPassword(password);
  await sql('DELETE FROM domain_admins WHERE username = ?', [username]);
  await sql('REPLACE INTO admin (username, password, superadmin, active, created, modified) VALUES (?, ?, 0, 1, NOW(), NOW())', [username, hash]);
  for (const domain of domains) await sql('INSERT INTO domain_admins (username, domain, active, created) VALUES (?, ?, 1, NOW())', [username, domain]);
}

/** Creates a domain row directly (for specs that need one without going through the domain pages). */
export async function seedDomain(domain: string, limits: { mailboxes?: number; aliases?: number; maxquota?: number; quota?: number } = {}): Promise<void> {
  await sql(
    "REPLACE INTO domain (domain, description, aliases, mailboxes, maxquota, quota, transport, backupmx, active, created, modified) VALUES (?, '', ?, ?, ?, ?, 'virtual', 0, 1, NOW(), NOW())",
    [domain, limits.aliases ?? 0, limits.mailboxes ?? 0, limits.maxquota ?? 0, limits.quota ?? 0],
  );
}

/** Logs the page in through the login form; admins land on /domains, mailbox owners on /account. */
export async function logIn(page: import('@playwright/test').Page, username: string, password: string, landing: RegExp = /\/domains$/): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(landing);
}

/** Creates (or resets) an active mailbox with its own alias row, as PostfixAdmin stores one. */
export async function seedMailbox(username: string, storedPassword: string, opts: { name?: string; quota?: number; active?: boolean } = {}): Promise<void> {
  const [localPart = '', domain = ''] = username.split('@');
  await sql(
    'REPLACE INTO mailbox (username, password, name, maildir, quota, local_part, domain, created, modified, active) VALUES (?, ?, ?, ?, ?, ?, ?, NOW(), NOW(), ?)',
    [username, storedPassword, opts.name ?? '', `${domain}/${localPart}/`, opts.quota ?? 0, localPart, domain, opts.active === false ? 0 : 1],
  );
  await sql('REPLACE INTO alias (address, goto, domain, created, modified, active) VALUES (?, ?, ?, NOW(), NOW(), 1)', [username, username, domain]);
}
