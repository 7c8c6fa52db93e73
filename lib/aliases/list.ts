import { domainToASCII } from 'node:url';
import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

export const ALIAS_PAGE_SIZE = 25;
// Up to this offset, skipping rows one by one (with the mailbox check) is cheaper than anything clever.
const DIRECT_OFFSET_MAX = 10_000;

export interface AliasListRow {
  address: string;
  goto: string;
  active: boolean;
  modified: Date;
}

export interface AliasPage {
  rows: AliasListRow[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * `address LIKE 'term%'` for a search term: a prefix of the primary key (addresses start with their
 * local part), so MariaDB reads a key range instead of scanning. A domain after '@' may be typed in Unicode.
 */
export function prefixPattern(q: string): string | null {
  let term = q.trim().toLowerCase();
  if (term === '') return null;
  const at = term.lastIndexOf('@');
  if (at >= 0) {
    const domain = term.slice(at + 1);
    const ascii = /[^\x00-\x7f]/.test(domain) ? domainToASCII(domain) : domain;
    term = `${term.slice(0, at + 1)}${ascii || domain}`;
  }
  return `${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function paging(total: number, requestedPage: number) {
  const pageCount = Math.max(1, Math.ceil(total / ALIAS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(Number.isFinite(requestedPage) ? requestedPage : 1)), pageCount);
  return { page, pageCount, offset: (page - 1) * ALIAS_PAGE_SIZE };
}

type RawRow = { address: string; goto: string; active: number | boolean; modified: Date };
const toRow = (r: RawRow): AliasListRow => ({ address: r.address, goto: r.goto, active: Boolean(r.active), modified: r.modified });

/**
 * One page of a domain's aliases in address order, without the mailboxes' own alias rows (PostfixAdmin
 * convention), fast at any size. The total is the (domain, address) index count minus the mailboxes'
 * rows, never an anti-join over every alias. Near the start the page is read directly; a deep page is
 * located on the index alone, then corrected for the mailboxes' rows sorted before it.
 */
export async function findAliasPage(db: Db, domain: string, q: string, requestedPage: number): Promise<AliasPage> {
  const pattern = prefixPattern(q);
  const like = pattern === null ? Prisma.empty : Prisma.sql`AND a.address LIKE ${pattern}`;
  // Mailboxes' own alias rows are counted on the mailbox table's (domain, username) index alone: every
  // mailbox has its alias row (PostfixAdmin's convention), so no join over 100,000 rows is needed.
  const mailboxLike = pattern === null ? Prisma.empty : Prisma.sql`AND m.username LIKE ${pattern}`;
  const selfJoin = Prisma.sql`FROM mailbox m WHERE m.domain = ${domain} ${mailboxLike}`;
  const countRaw = () => db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM alias a WHERE a.domain = ${domain} ${like}`;
  const countSelf = () => db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n ${selfJoin}`;
  const direct = (offset: number) => db.$queryRaw<RawRow[]>`
    SELECT a.address, a.goto, a.active, a.modified FROM alias a WHERE a.domain = ${domain} ${like}
    AND NOT EXISTS (SELECT 1 FROM mailbox m WHERE m.username = a.address)
    ORDER BY a.address LIMIT ${ALIAS_PAGE_SIZE} OFFSET ${offset}`;

  const guessed = paging(Number.MAX_SAFE_INTEGER, requestedPage).offset;
  if (guessed <= DIRECT_OFFSET_MAX) {
    const [[raw], [self], rows] = await Promise.all([countRaw(), countSelf(), direct(guessed)]);
    const total = Number(raw?.n ?? 0) - Number(self?.n ?? 0);
    const { page, pageCount, offset } = paging(total, requestedPage);
    return { rows: (offset === guessed ? rows : await direct(offset)).map(toRow), total, page, pageCount };
  }

  // A deep page: one pass over the domain's index finds both the entry at `offset` and the count
  // (SQL_CALC_FOUND_ROWS, read back on the same connection); then from that entry skip as many aliases
  // as mailboxes sort before it (MariaDB compares, in its own collation).
  const rawAt = (tx: Db | Tx, offset: number) =>
    tx.$queryRaw<{ address: string }[]>`SELECT SQL_CALC_FOUND_ROWS a.address FROM alias a WHERE a.domain = ${domain} ${like} ORDER BY a.address LIMIT 1 OFFSET ${offset}`;
  const [[self], scan] = await Promise.all([
    countSelf(),
    db.$transaction(async (tx) => {
      const [row] = await rawAt(tx, guessed);
      const [found] = await tx.$queryRaw<{ n: bigint }[]>`SELECT FOUND_ROWS() AS n`;
      return { first: row?.address, rawTotal: Number(found?.n ?? 0) };
    }),
  ]);
  const total = scan.rawTotal - Number(self?.n ?? 0);
  const { page, pageCount, offset } = paging(total, requestedPage);
  const first = offset === guessed ? scan.first : (await rawAt(db, offset))[0]?.address;
  if (first === undefined) return { rows: [], total, page, pageCount };
  const [before] = await db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n ${selfJoin} AND m.username < ${first}`;
  // FORCE INDEX: a seek on (domain, address); left alone, MariaDB reads the domain's index from its start
  const rows = await db.$queryRaw<RawRow[]>`
    SELECT a.address, a.goto, a.active, a.modified FROM alias a FORCE INDEX (domain) WHERE a.domain = ${domain} ${like} AND a.address >= ${first}
    AND NOT EXISTS (SELECT 1 FROM mailbox m WHERE m.username = a.address)
    ORDER BY a.address LIMIT ${ALIAS_PAGE_SIZE} OFFSET ${Number(before?.n ?? 0)}`;
  return { rows: rows.map(toRow), total, page, pageCount };
}
