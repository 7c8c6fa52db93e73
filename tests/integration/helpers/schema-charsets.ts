import { readMigrations } from '@/lib/db/migrate';
import type { DbSchema } from './db-schema';

export interface DeclaredCharset {
  charset: string;
  collation: string | null;
}

/**
 * Character set (and collation, when written) of every text column as the migrations' CREATE TABLE
 * statements declare it: the column's own CHARACTER SET, else the table's DEFAULT CHARSET.
 */
export async function declaredCharsets(): Promise<Map<string, DeclaredCharset>> {
  const declared = new Map<string, DeclaredCharset>();
  for (const migration of await readMigrations()) {
    for (const m of migration.sql.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?`(\w+)` \(\n([\s\S]*?)\n\)([^;]*);/g)) {
      const [, table = '', body = '', options = ''] = m;
      const tableCharset = /DEFAULT CHARSET=(\w+)(?: COLLATE=(\w+))?/i.exec(options);
      for (const line of body.split('\n')) {
        const col = /^\s*`(\w+)`\s+((?:var)?char|(?:tiny|medium|long)?text|enum|set)\b(.*)$/i.exec(line);
        if (!col) continue;
        const [, column = '', , rest = ''] = col;
        const own = /CHARACTER SET (\w+)(?: COLLATE (\w+))?/i.exec(rest);
        const source = own ?? tableCharset;
        if (!source?.[1]) throw new Error(`${migration.name}: cannot tell the character set of ${table}.${column}`);
        const key = `${table}.${column}`;
        if (!declared.has(key)) declared.set(key, { charset: source[1], collation: source[2] ?? null });
      }
    }
  }
  return declared;
}

// COMPAT.md: the address and key columns Postfix and Dovecot compare and join are latin1_general_ci.
// (alias_domain.* = every text column of alias_domain; the rest are the ones PostfixAdmin's
// upgrade_1846/1847 pin to latin1_general_ci, because they are compared with the keys.)
const LATIN1_KEY_COLUMNS = [
  'domain.domain', 'mailbox.username', 'mailbox.domain', 'alias.address', 'alias.domain', 'alias_domain.*',
  'admin.username', 'domain_admins.username', 'domain_admins.domain', 'quota2.username', 'vacation.email',
  'alias.goto', 'domain.transport', 'mailbox.password', 'mailbox.maildir', 'mailbox.local_part',
  'vacation.domain', 'vacation_notification.on_vacation', 'quota.username',
];
// PostfixAdmin's upgrade_1845 made these utf8mb4 (people's names and vacation messages).
export const UTF8MB4_TEXT_COLUMNS = ['mailbox.name', 'vacation.subject', 'vacation.body'];

export function checkLatin1KeyColumns(db: DbSchema): string[] {
  const wrong: string[] = [];
  const columns = LATIN1_KEY_COLUMNS.flatMap((key) => {
    const [table = '', column = ''] = key.split('.');
    if (column !== '*') return [key];
    const textColumns = [...(db.get(table)?.columns ?? [])].filter(([, c]) => c.charset !== null).map(([c]) => `${table}.${c}`);
    if (textColumns.length === 0) wrong.push(`${key}: no text columns found`);
    return textColumns;
  });
  for (const key of columns) {
    const [table = '', column = ''] = key.split('.');
    const col = db.get(table)?.columns.get(column);
    if (!col) wrong.push(`${key}: column is missing`);
    else if (col.charset !== 'latin1' || col.collation !== 'latin1_general_ci') wrong.push(`${key} is ${col.charset} / ${col.collation}, must be latin1 / latin1_general_ci`);
  }
  return wrong;
}

export function checkUtf8mb4Columns(db: DbSchema, declared: Map<string, DeclaredCharset>): string[] {
  return [...declared].flatMap(([key, d]) => {
    if (d.charset !== 'utf8mb4') return [];
    const [table = '', column = ''] = key.split('.');
    const col = db.get(table)?.columns.get(column);
    return col?.charset === 'utf8mb4' ? [] : [`${key} is ${col ? `${col.charset} / ${col.collation}` : 'missing'}, the migration declares utf8mb4`];
  });
}

export function checkDeclaredCharsets(db: DbSchema, declared: Map<string, DeclaredCharset>): string[] {
  const wrong: string[] = [];
  for (const [table, t] of db) {
    if (table === '_prisma_migrations') continue;
    for (const [column, col] of t.columns) {
      if (col.charset === null) continue;
      const d = declared.get(`${table}.${column}`);
      if (!d) wrong.push(`${table}.${column}: no CREATE TABLE in the migrations declares it`);
      else if (col.charset !== d.charset || (d.collation !== null && col.collation !== d.collation)) {
        wrong.push(`${table}.${column} is ${col.charset} / ${col.collation}, the migration declares ${d.charset} / ${d.collation ?? "(the charset's default)"}`);
      }
    }
  }
  return wrong;
}
