import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { emptySource, readKeysetPage, type Cursor, type KeyOrder, type KeysetOptions, type KeysetPage, type KeysetSource } from '@/lib/pagination/keyset';
import { keySearch, storableCursor } from '@/lib/pagination/search';
import { boundSql, likeSql, orderSql } from '@/lib/pagination/sql';

export interface MailboxListRow {
  username: string;
  localPart: string;
  name: string;
  /** bytes; 0 = unlimited */
  quota: bigint;
  /** bytes in use, from Dovecot's quota2 table; null when Dovecot has not written a row yet */
  usedBytes: bigint | null;
  active: boolean;
  modified: Date;
}

// Every query reads the (domain) index, which InnoDB extends with the primary key: (domain, username).
// FORCE INDEX: with a bound or a prefix on username MariaDB otherwise picks `ref` on domain alone and
// reads the domain's entries from its first one (tests/integration/mailboxes-list.test.ts checks the plans).

const mailboxesWhere = (domain: string, pattern: string | null) => Prisma.sql`m.domain = ${domain} ${likeSql('m.username', pattern)}`;

/**
 * Up to `limit` mailboxes strictly after (`asc`) or before (`desc`) `from`, in that order, with their
 * quota usage: as many index entries, and their rows.
 */
export function mailboxRowsSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT m.username, m.local_part AS localPart, m.name, m.quota, q.bytes AS usedBytes, m.active, m.modified
    FROM mailbox m FORCE INDEX (domain) LEFT JOIN quota2 q ON q.username = m.username
    WHERE ${mailboxesWhere(domain, pattern)} ${boundSql('m.username', order, from)}
    ORDER BY m.username ${orderSql(order)} LIMIT ${limit}`;
}

/** The mailboxes counted up to `limit`: at most `limit` index entries. */
export function mailboxCountSql(domain: string, pattern: string | null, limit: number): Prisma.Sql {
  return Prisma.sql`SELECT COUNT(*) AS n FROM (
    SELECT 1 FROM mailbox m FORCE INDEX (domain) WHERE ${mailboxesWhere(domain, pattern)} LIMIT ${limit}) t`;
}

/** Whether a mailbox has the key `key` or one beyond it in `order`. */
export function mailboxFromSql(domain: string, pattern: string | null, order: KeyOrder, key: string): Prisma.Sql {
  return Prisma.sql`SELECT 1 AS found FROM mailbox m FORCE INDEX (domain)
    WHERE ${mailboxesWhere(domain, pattern)} ${boundSql('m.username', order, key, true)}
    ORDER BY m.username ${orderSql(order)} LIMIT 1`;
}

type RawRow = Omit<MailboxListRow, 'active' | 'quota' | 'usedBytes'> & { active: number | boolean; quota: bigint | number; usedBytes: bigint | number | null };

function mailboxSource(db: Db, domain: string, pattern: string | null): KeysetSource<MailboxListRow> {
  return {
    keyOf: (row) => row.username,
    read: async (order, from, limit) =>
      (await db.$queryRaw<RawRow[]>(mailboxRowsSql(domain, pattern, order, from, limit))).map((r) => ({ ...r, quota: BigInt(r.quota), usedBytes: r.usedBytes === null ? null : BigInt(r.usedBytes), active: Boolean(r.active) })),
    hasRowFrom: async (order, key) => (await db.$queryRaw<unknown[]>(mailboxFromSql(domain, pattern, order, key))).length > 0,
    count: async (limit) => Number((await db.$queryRaw<{ n: bigint | number }[]>(mailboxCountSql(domain, pattern, limit)))[0]?.n ?? 0),
  };
}

/**
 * One page of a domain's mailboxes in address order (MariaDB's collation), with their quota usage,
 * optionally those whose address starts with `q` (usernames start with the local part). Reads a page of index entries and
 * counts up to the cap, whatever the domain's size.
 */
export function findMailboxPage(db: Db, domain: string, q: string, cursor: Cursor, options?: KeysetOptions): Promise<KeysetPage<MailboxListRow>> {
  const search = keySearch(q);
  const source = search.kind === 'none' ? emptySource<MailboxListRow>((row) => row.username) : mailboxSource(db, domain, search.kind === 'prefix' ? search.pattern : null);
  return readKeysetPage(source, storableCursor(cursor), options);
}
