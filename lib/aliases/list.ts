import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { emptySource, readKeysetPage, type Cursor, type KeyOrder, type KeysetOptions, type KeysetPage, type KeysetSource } from '@/lib/pagination/keyset';
import { keySearch, storableCursor } from '@/lib/pagination/search';
import { boundSql, likeSql, orderSql } from '@/lib/pagination/sql';

export interface AliasListRow {
  address: string;
  goto: string;
  active: boolean;
  modified: Date;
}

// The keys come from `mailroom_alias_list` (migration 20261126000000): the alias rows that are not a
// mailbox's own row (PostfixAdmin convention), kept exact by triggers on alias and mailbox. Every
// query reads its (domain, address) index from the cursor on: about a page of entries, however many
// mailboxes' rows sort around them. FORCE INDEX: with a bound or a prefix on address MariaDB would
// otherwise pick `ref` on domain alone and read the domain's entries from the first one
// (tests/integration/aliases-list.test.ts checks the plans).
const LISTED = Prisma.sql`mailroom_alias_list l FORCE INDEX (mailroom_alias_list_domain)`;

const listedWhere = (domain: string, pattern: string | null) => Prisma.sql`l.domain = ${domain} ${likeSql('l.address', pattern)}`;

/** The keys of up to `limit` aliases strictly after (`asc`) or before (`desc`) `from`, in that order. */
export function aliasKeysSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT l.address FROM ${LISTED}
    WHERE ${listedWhere(domain, pattern)} ${boundSql('l.address', order, from)}
    ORDER BY l.address ${orderSql(order)} LIMIT ${limit}`;
}

/** The page's rows: keys from the index alone, then only their alias rows are read, by key. */
export function aliasRowsSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT r.address, r.goto, r.active, r.modified
    FROM (${aliasKeysSql(domain, pattern, order, from, limit)}) k JOIN alias r ON r.address = k.address
    ORDER BY r.address ${orderSql(order)}`;
}

/** The domain's aliases (those matching `pattern`), counted up to `limit`: at most `limit` index entries. */
export function aliasCountSql(domain: string, pattern: string | null, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${LISTED} WHERE ${listedWhere(domain, pattern)} LIMIT ${limit}) t`;
}

/** The alias with the key `key`, if it is one to list. */
export function aliasAtSql(domain: string, pattern: string | null, key: string): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS found FROM mailroom_alias_list l WHERE ${listedWhere(domain, pattern)} AND l.address = ${key}`;
}

/** Aliases of a domain (without mailboxes' own rows) counted up to `limit`; `pattern` as from keySearch. */
export async function countAliasRows(db: Db | Tx, domain: string, pattern: string | null, limit: number): Promise<number> {
  const [row] = await db.$queryRaw<{ n: bigint | number }[]>(aliasCountSql(domain, pattern, limit));
  return Number(row?.n ?? 0);
}

type RawRow = { address: string; goto: string; active: number | boolean; modified: Date };

function aliasSource(db: Db, domain: string, pattern: string | null): KeysetSource<AliasListRow> {
  const read = async (order: KeyOrder, from: string | null, limit: number) =>
    (await db.$queryRaw<RawRow[]>(aliasRowsSql(domain, pattern, order, from, limit))).map((r) => ({ address: r.address, goto: r.goto, active: Boolean(r.active), modified: r.modified }));
  return {
    keyOf: (row) => row.address,
    read,
    hasRowFrom: async (order, key) => {
      const [here, beyond] = await Promise.all([db.$queryRaw<unknown[]>(aliasAtSql(domain, pattern, key)), db.$queryRaw<unknown[]>(aliasKeysSql(domain, pattern, order, key, 1))]);
      return here.length + beyond.length > 0;
    },
    count: (limit) => countAliasRows(db, domain, pattern, limit),
  };
}

/**
 * One page of a domain's aliases in address order (MariaDB's collation), optionally those whose
 * address starts with `q`, without the mailboxes' own alias rows; the total counted up to the cap.
 */
export function findAliasPage(db: Db, domain: string, q: string, cursor: Cursor, options?: KeysetOptions): Promise<KeysetPage<AliasListRow>> {
  const search = keySearch(q);
  const source = search.kind === 'none' ? emptySource<AliasListRow>((row) => row.address) : aliasSource(db, domain, search.kind === 'prefix' ? search.pattern : null);
  return readKeysetPage(source, storableCursor(cursor), options);
}
