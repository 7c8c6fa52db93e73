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
