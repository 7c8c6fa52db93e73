import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { emptySource, readKeysetPage, type Cursor, type KeyOrder, type KeysetOptions, type KeysetPage, type KeysetSource } from '@/lib/pagination/keyset';
import { keySearch, storableCursor } from '@/lib/pagination/search';
import { boundSql, likeSql, orderSql, untilSql } from '@/lib/pagination/sql';
import { ALIAS_WINDOW, walkAliases, type CrossingMemo } from './mailbox-runs';

export interface AliasListRow {
  address: string;
  goto: string;
  active: boolean;
  modified: Date;
}

// Every query reads the (domain) index, which InnoDB extends with the primary key: (domain, address).
// FORCE INDEX: with a bound or a prefix on address MariaDB otherwise picks `ref` on domain alone and
// reads the domain's entries from its first one (tests/integration/aliases-list.test.ts checks the plans).

// The domain's alias rows, each with the mailbox whose username is its address, if any: an anti-join
// by key (eq_ref, "Not exists"). Written as a join, not NOT EXISTS, which MariaDB may turn into
// reading every mailbox of the server into a temporary table.
const ALIASES_FROM = Prisma.sql`alias a FORCE INDEX (domain) LEFT JOIN mailbox m ON m.username = a.address`;

/** The domain's aliases, those starting with `pattern`, without the mailboxes' own alias rows (PostfixAdmin convention). */
function aliasesWhere(domain: string, pattern: string | null): Prisma.Sql {
  return Prisma.sql`a.domain = ${domain} ${likeSql('a.address', pattern)} AND m.username IS NULL`;
}

/**
 * The keys of up to `limit` aliases strictly after (`asc`) or before (`desc`) `from`, in that order,
 * and not beyond `until` when given.
 */
export function aliasKeysSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, limit: number, until: string | null = null): Prisma.Sql {
  return Prisma.sql`SELECT a.address FROM ${ALIASES_FROM}
    WHERE ${aliasesWhere(domain, pattern)} ${boundSql('a.address', order, from)} ${untilSql('a.address', order, until)}
    ORDER BY a.address ${orderSql(order)} LIMIT ${limit}`;
}

/** The page's rows: keys from the index alone, then only their rows are read. */
export function aliasRowsSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, limit: number, until: string | null = null): Prisma.Sql {
  return Prisma.sql`SELECT r.address, r.goto, r.active, r.modified
    FROM (${aliasKeysSql(domain, pattern, order, from, limit, until)}) k JOIN alias r ON r.address = k.address
    ORDER BY r.address ${orderSql(order)}`;
}

/** The aliases between `from` and `until` (as for aliasKeysSql), counted up to `limit`: at most `limit` entries of the index once the mailboxes' rows are skipped. */
export function aliasCountSql(domain: string, pattern: string | null, limit: number, from: string | null = null, until: string | null = null): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS n FROM (
    SELECT 1 FROM ${ALIASES_FROM} WHERE ${aliasesWhere(domain, pattern)} ${boundSql('a.address', 'asc', from)} ${untilSql('a.address', 'asc', until)} LIMIT ${limit}) t`;
}

/** The alias with the key `key`, if it is one to list. */
export function aliasAtSql(domain: string, pattern: string | null, key: string): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS found FROM ${ALIASES_FROM} WHERE ${aliasesWhere(domain, pattern)} AND a.address = ${key}`;
}

/** How many alias rows (mailboxes' included) lie after `from` up to `until`, and the first and last of their keys: from the index alone. */
export function aliasSpanSql(domain: string, pattern: string | null, from: string | null, until: string | null): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS n, MIN(a.address) AS first, MAX(a.address) AS last FROM alias a FORCE INDEX (domain)
    WHERE a.domain = ${domain} ${likeSql('a.address', pattern)} ${boundSql('a.address', 'asc', from)} ${untilSql('a.address', 'asc', until)}`;
}

/** Whether any mailbox (of any domain, as the anti-join matches them) has a key from `first` up to `until`, in key order. */
export function anyMailboxBetweenSql(first: string, until: string): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS found FROM mailbox m WHERE m.username >= ${first} AND m.username <= ${until} LIMIT 1`;
}

/**
 * Aliases of a domain (without mailboxes' own rows) counted up to `limit`; `pattern` as from
 * keySearch. A first window of ALIAS_WINDOW rows finds a run of mailboxes' rows early (crossed in
 * strides), the next ones cover what is left to count. A whole window with no mailbox key at all in
 * its key range is counted without checking its rows.
 */
export async function countAliasRows(db: Db | Tx, domain: string, pattern: string | null, limit: number, crossings?: CrossingMemo): Promise<number> {
  let counted = 0;
  let windows = 0;
  const windowSize = () => (windows++ === 0 ? ALIAS_WINDOW : Math.max(limit - counted, ALIAS_WINDOW));
  const take = async (from: string | null, until: string | null) => {
    const [span] = await db.$queryRaw<{ n: bigint | number; first: string | null; last: string | null }[]>(aliasSpanSql(domain, pattern, from, until));
    const noMailbox = span?.first != null && span.last != null && (await db.$queryRaw<unknown[]>(anyMailboxBetweenSql(span.first, span.last))).length === 0;
    const found = noMailbox ? Number(span?.n ?? 0) : Number((await db.$queryRaw<{ n: bigint | number }[]>(aliasCountSql(domain, pattern, limit - counted, from, until)))[0]?.n ?? 0);
    counted = Math.min(limit, counted + found);
    return { done: counted >= limit, found };
  };
  await walkAliases(db, domain, pattern, 'asc', null, windowSize, take, crossings);
  return counted;
}

type RawRow = { address: string; goto: string; active: number | boolean; modified: Date };

/** Up to `limit` aliases strictly beyond `from` in `order`. */
async function readAliases(db: Db, domain: string, pattern: string | null, order: KeyOrder, from: string | null, limit: number, crossings: CrossingMemo): Promise<AliasListRow[]> {
  const rows: AliasListRow[] = [];
  const take = async (start: string | null, until: string | null) => {
    const found = await db.$queryRaw<RawRow[]>(aliasRowsSql(domain, pattern, order, start, limit - rows.length, until));
    rows.push(...found.map((r) => ({ address: r.address, goto: r.goto, active: Boolean(r.active), modified: r.modified })));
    return { done: rows.length === limit, found: found.length };
  };
  await walkAliases(db, domain, pattern, order, from, () => ALIAS_WINDOW, take, crossings);
  return rows;
}

function aliasSource(db: Db, domain: string, pattern: string | null): KeysetSource<AliasListRow> {
  const crossings: CrossingMemo = new Map();
  return {
    keyOf: (row) => row.address,
    read: (order, from, limit) => readAliases(db, domain, pattern, order, from, limit, crossings),
    hasRowFrom: async (order, key) => {
      const [here, beyond] = await Promise.all([db.$queryRaw<unknown[]>(aliasAtSql(domain, pattern, key)), readAliases(db, domain, pattern, order, key, 1, crossings)]);
      return here.length + beyond.length > 0;
    },
    count: (limit) => countAliasRows(db, domain, pattern, limit, crossings),
  };
}

/**
 * One page of a domain's aliases in address order (MariaDB's collation), optionally those whose
 * address starts with `q`, without the mailboxes' own alias rows. Reads about a page of index entries
 * (plus the mailboxes' rows it steps over, long runs of them in strides: mailbox-runs.ts) and counts
 * up to the cap.
 */
export function findAliasPage(db: Db, domain: string, q: string, cursor: Cursor, options?: KeysetOptions): Promise<KeysetPage<AliasListRow>> {
  const search = keySearch(q);
  const source = search.kind === 'none' ? emptySource<AliasListRow>((row) => row.address) : aliasSource(db, domain, search.kind === 'prefix' ? search.pattern : null);
  return readKeysetPage(source, storableCursor(cursor), options);
}
