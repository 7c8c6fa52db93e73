import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createTestDatabase, withSql } from './database';

// A web-cyradm database on the test MariaDB: its own schema (fixtures/web-cyradm/create_mysql.sql)
// and rows (rows.sql, or the caller's).

const dir = path.resolve(import.meta.dirname, '../fixtures/web-cyradm');

export async function createWebCyradmDatabase(rows: 'fixture' | string = 'fixture'): Promise<string> {
  const url = await createTestDatabase('cyradm');
  const ddl = await readFile(path.join(dir, 'create_mysql.sql'), 'utf8');
  const data = rows === 'fixture' ? await readFile(path.join(dir, 'rows.sql'), 'utf8') : rows;
  await withSql(url, async (c) => {
    await c.query(ddl);
    if (data.trim()) await c.query(data);
  });
  return url;
}

/** Postfix's query on web-cyradm (COMPAT.md): every active row's dest for a key, as a set of lowercase targets. */
export async function cyradmTargets(url: string, key: string): Promise<string[]> {
  const rows: { dest: string }[] = await withSql(url, (c) => c.query("SELECT dest FROM virtual WHERE alias=? AND status='1'", [key]));
  return [...new Set(rows.flatMap((r) => r.dest.split(/[\s,]+/)).filter(Boolean).map((t) => t.toLowerCase()))].sort();
}

/** Postfix's virtual_alias_maps query on Mailroom's tables, verbatim (%s = the key, quotes doubled), as a set. */
export async function mailroomTargets(url: string, key: string): Promise<string[]> {
  const sql = "SELECT goto FROM alias WHERE address='%s' AND active = '1'".replaceAll('%s', key.replace(/'/g, "''"));
  const rows: { goto: string }[] = await withSql(url, (c) => c.query(sql));
  return [...new Set(rows.flatMap((r) => r.goto.split(/[\s,]+/)).filter(Boolean).map((t) => t.toLowerCase()))].sort();
}
