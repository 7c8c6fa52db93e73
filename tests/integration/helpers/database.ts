import { randomBytes } from 'node:crypto';
import mariadb from 'mariadb';
import { inject } from 'vitest';
import { parseDatabaseUrl } from '@/lib/db/connection';

/** A fresh, empty database on the test MariaDB; returns its DATABASE_URL. */
export async function createTestDatabase(prefix = 't'): Promise<string> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const conn = await mariadb.createConnection(parseDatabaseUrl(adminUrl));
  try {
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
  } finally {
    await conn.end();
  }
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs `fn` on a short-lived connection to `url` (multiple statements allowed). */
export async function withSql<T>(url: string, fn: (conn: mariadb.Connection) => Promise<T>): Promise<T> {
  const { connectionLimit: _unused, ...options } = parseDatabaseUrl(url);
  const conn = await mariadb.createConnection({ ...options, multipleStatements: true });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}
