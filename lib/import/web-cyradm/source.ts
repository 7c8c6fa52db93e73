import mariadb from 'mariadb';
import { z } from 'zod';
import { parseDatabaseUrl } from '@/lib/db/connection';
import type { CyradmData } from './types';

// Reads a web-cyradm database (MySQL/MariaDB) given as mysql://USER:PASSWORD@HOST:PORT/DATABASE.
// Read only: plain SELECTs of the five tables the import maps.

export class SourceError extends Error {
  constructor(
    /** i18n key: import.errors.* */
    readonly key: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'SourceError';
  }
}

export const sourceUrlSchema = z
  .string()
  .trim()
  .max(2000)
  .refine((u) => {
    try {
      const url = new URL(u);
      return (url.protocol === 'mysql:' || url.protocol === 'mariadb:') && url.hostname !== '' && /^\/[A-Za-z0-9_$-]+$/.test(url.pathname);
    } catch {
      return false;
    }
  }, 'import.errors.url');

/** The URL with a password from a separate field (so the page need not put it in the URL). */
export function withPassword(url: string, password: string | undefined): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The URL for messages and logs: never its password. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}

type Row = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? '' : Buffer.isBuffer(v) ? v.toString('utf8') : String(v));
const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0) || 0);

const TABLES = ['domain', 'accountuser', 'virtual', 'adminuser', 'domainadmin'] as const;

/** Reads the tables; SourceError('import.errors.connect' | 'import.errors.notWebCyradm') when it cannot. */
export async function readWebCyradm(url: string): Promise<CyradmData> {
  const { connectionLimit: _unused, ...options } = parseDatabaseUrl(url);
  let conn: mariadb.Connection;
  try {
    conn = await mariadb.createConnection({ ...options, connectTimeout: 5000 });
  } catch (err) {
    throw new SourceError('import.errors.connect', `cannot connect to ${redactUrl(url)}: ${(err as Error).message}`);
  }
  try {
    const present: Row[] = await conn.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE()');
    const names = new Set(present.map((r) => text(r.t).toLowerCase()));
    const missing = TABLES.filter((t) => !names.has(t));
    if (missing.length) throw new SourceError('import.errors.notWebCyradm', `not a web-cyradm database: no table ${missing.join(', ')}`);
    const rows = (sql: string): Promise<Row[]> => conn.query(sql);
    const domains = await rows('SELECT domain_name, prefix, maxaccounts, quota, domainquota, transport, freenames, freeaddress, folders FROM domain ORDER BY domain_name');
    const accounts = await rows('SELECT username, password, domain_name, imap, pop FROM accountuser ORDER BY domain_name, username');
    const virtual = await rows('SELECT alias, dest, username, status FROM virtual ORDER BY alias');
    const admins = await rows('SELECT username, password, type FROM adminuser ORDER BY username');
    const domainAdmins = await rows('SELECT domain_name, adminuser FROM domainadmin ORDER BY adminuser, domain_name');
    return {
      domains: domains.map((r) => ({
        domainName: text(r.domain_name), prefix: text(r.prefix), maxaccounts: num(r.maxaccounts), quota: num(r.quota), domainquota: num(r.domainquota),
        transport: text(r.transport), freenames: text(r.freenames), freeaddress: text(r.freeaddress), folders: text(r.folders),
      })),
      accounts: accounts.map((r) => ({ username: text(r.username), password: text(r.password), domainName: text(r.domain_name), imap: num(r.imap), pop: num(r.pop) })),
      virtual: virtual.map((r) => ({ alias: text(r.alias), dest: text(r.dest), username: text(r.username), status: num(r.status) })),
      admins: admins.map((r) => ({ username: text(r.username), password: text(r.password), type: num(r.type) })),
      domainAdmins: domainAdmins.map((r) => ({ domainName: text(r.domain_name), adminuser: text(r.adminuser) })),
    };
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError('import.errors.read', `cannot read ${redactUrl(url)}: ${(err as Error).message}`);
  } finally {
    await conn.end().catch(() => undefined);
  }
}
