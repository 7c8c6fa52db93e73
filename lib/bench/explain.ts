import type mariadb from 'mariadb';
import { aliasAtSql, aliasCountSql, aliasRowsSql } from '@/lib/aliases/list';
import type { Prisma } from '@/lib/generated/prisma/client';
import { mailboxCountSql, mailboxFromSql, mailboxRowsSql } from '@/lib/mailboxes/list';
import { COUNT_CAP } from '@/lib/pagination/keyset';
import { BENCH_ALIAS_DOMAIN, BENCH_DOMAIN } from './seed';

// The literal queries of shared/COMPAT.md with Postfix's %s/%u/%d filled in for a benchmark address.
const user = 'user000123';
const address = `${user}@${BENCH_DOMAIN}`;
export const MAIL_SERVER_QUERIES: { name: string; sql: string; fullScanByDesign?: string }[] = [
  { name: 'virtual_mailbox_domains', sql: `SELECT domain FROM domain WHERE domain='${BENCH_DOMAIN}' AND backupmx = '0' AND active = '1'` },
  { name: 'virtual_alias_maps', sql: `SELECT goto FROM alias WHERE address='${address}' AND active = '1'` },
  { name: 'virtual_alias_maps (alias domains)', sql: `SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '${BENCH_ALIAS_DOMAIN}' AND alias.address = CONCAT('${user}', '@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1` },
  { name: 'virtual_alias_maps (alias-domain catch-all)', sql: `SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '${BENCH_ALIAS_DOMAIN}' AND alias.address = CONCAT('@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1` },
  { name: 'virtual_mailbox_maps', sql: `SELECT maildir FROM mailbox WHERE username='${address}' AND active = '1'` },
  { name: 'virtual_mailbox_maps (alias domains)', sql: `SELECT maildir FROM mailbox,alias_domain WHERE alias_domain.alias_domain = '${BENCH_ALIAS_DOMAIN}' AND mailbox.username = CONCAT('${user}', '@', alias_domain.target_domain) AND mailbox.active = 1 AND alias_domain.active = 1` },
  { name: 'relay_domains', sql: `SELECT domain FROM domain WHERE domain='${BENCH_DOMAIN}' AND backupmx = '1' AND active = '1'` },
  { name: 'transport_maps', sql: `SELECT transport FROM domain WHERE domain='${BENCH_DOMAIN}' AND active = '1'` },
  { name: 'smtpd_sender_login_maps', sql: `SELECT username FROM mailbox WHERE username='${address}' AND active = '1'` },
  { name: 'dovecot password_query', sql: `SELECT username AS user, password FROM mailbox WHERE username = '${address}' AND active = '1'` },
  { name: 'dovecot user_query', sql: `SELECT CONCAT('/var/vmail/', maildir) AS home, 5000 AS uid, 5000 AS gid, CONCAT('*:bytes=', quota) AS quota_rule FROM mailbox WHERE username = '${address}' AND active = '1'` },
  { name: 'dovecot quota dict', sql: `SELECT bytes FROM quota2 WHERE username = '${address}'` },
  { name: 'dovecot iterate_query', sql: "SELECT username AS user FROM mailbox WHERE active = '1'", fullScanByDesign: 'lists every user (doveadm -A), never run per message or login' },
];

interface ExplainRow {
  table: string | null;
  type: string | null;
  key: string | null;
  rows: bigint | number | null;
  Extra: string | null;
}

// "const"/"eq_ref"/"ref"/"range" read through a key; MariaDB also answers a primary-key lookup that
// finds nothing with "Impossible WHERE noticed after reading const tables", which read the key too.
const INDEXED = new Set(['const', 'system', 'eq_ref', 'ref', 'range']);

export interface ExplainResult {
  name: string;
  ok: boolean;
  plan: string;
}

const describe = (rows: ExplainRow[]) => rows.map((r) => `${r.table ?? '-'}:${r.type ?? '-'}/${r.key ?? 'no key'}/${String(r.rows ?? '-')}${r.Extra ? ` (${r.Extra})` : ''}`).join('; ');

/** EXPLAINs every mail-server query; ok when every table is read through an index. */
export async function explainMailServerQueries(conn: mariadb.Connection): Promise<ExplainResult[]> {
  const results: ExplainResult[] = [];
  for (const q of MAIL_SERVER_QUERIES) {
    const rows: ExplainRow[] = await conn.query(`EXPLAIN ${q.sql}`);
    const plan = describe(rows);
    const indexed = rows.every((r) => (r.type !== null && INDEXED.has(r.type) && r.key !== null) || /Impossible WHERE noticed after reading const tables|Const row not found/.test(r.Extra ?? ''));
    results.push({ name: q.name, ok: indexed || q.fullScanByDesign !== undefined, plan: q.fullScanByDesign && !indexed ? `${plan} [full scan by design: ${q.fullScanByDesign}]` : plan });
  }
  return results;
}

// The list pages' queries, as lib/aliases and lib/mailboxes build them, on the benchmark's domain.
const deepAlias = `alias100000@${BENCH_DOMAIN}`;
const deepMailbox = `user050000@${BENCH_DOMAIN}`;
export const LIST_QUERIES: { name: string; query: Prisma.Sql }[] = [
  { name: 'aliases, first page', query: aliasRowsSql(BENCH_DOMAIN, null, 'asc', null, 26) },
  { name: 'aliases, next page', query: aliasRowsSql(BENCH_DOMAIN, null, 'asc', deepAlias, 26) },
  { name: 'aliases, previous page', query: aliasRowsSql(BENCH_DOMAIN, null, 'desc', deepAlias, 26) },
  { name: 'aliases, last page', query: aliasRowsSql(BENCH_DOMAIN, null, 'desc', null, 26) },
  { name: 'aliases, search next page', query: aliasRowsSql(BENCH_DOMAIN, 'alias1%', 'asc', deepAlias, 26) },
  { name: 'aliases, capped count', query: aliasCountSql(BENCH_DOMAIN, null, COUNT_CAP + 1) },
  { name: 'aliases, the cursor is an alias', query: aliasAtSql(BENCH_DOMAIN, null, deepAlias) },
  { name: 'mailboxes, first page', query: mailboxRowsSql(BENCH_DOMAIN, null, 'asc', null, 26) },
  { name: 'mailboxes, next page', query: mailboxRowsSql(BENCH_DOMAIN, null, 'asc', deepMailbox, 26) },
  { name: 'mailboxes, previous page', query: mailboxRowsSql(BENCH_DOMAIN, null, 'desc', deepMailbox, 26) },
  { name: 'mailboxes, search next page', query: mailboxRowsSql(BENCH_DOMAIN, 'user0%', 'asc', deepMailbox, 26) },
  { name: 'mailboxes, capped count', query: mailboxCountSql(BENCH_DOMAIN, null, COUNT_CAP + 1) },
  { name: 'mailboxes, a page follows', query: mailboxFromSql(BENCH_DOMAIN, null, 'asc', deepMailbox) },
];

/**
 * EXPLAINs the list queries; ok when every table is read through an index without sorting (a
 * derived table, the page's 26 keys, may be read whole and sorted).
 */
export async function explainListQueries(conn: mariadb.Connection): Promise<ExplainResult[]> {
  const results: ExplainResult[] = [];
  for (const { name, query } of LIST_QUERIES) {
    const rows: ExplainRow[] = await conn.query(`EXPLAIN ${query.sql}`, query.values);
    const isDerived = (r: ExplainRow) => (r.table ?? '').startsWith('<');
    const ok = rows.every((r) => isDerived(r) || (r.type !== null && INDEXED.has(r.type) && r.key !== null && !/filesort|temporary/.test(r.Extra ?? '')));
    results.push({ name, ok, plan: describe(rows) });
  }
  return results;
}
