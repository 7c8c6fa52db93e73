import { domainToASCII } from 'node:url';
import type { Db } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

export const ALIAS_PAGE_SIZE = 25;
// Above this many mailboxes in the result, their self-aliases are excluded row by row instead.
const SELF_LIST_MAX = 5000;

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

export interface AliasPage {
  addresses: string[];
  total: number;
  page: number;
  pageCount: number;
}

/**
 * One page of a domain's aliases in address order, without the mailboxes' own alias rows (PostfixAdmin
 * convention), fast at any size: the mailboxes' addresses are read once (a short list), the page is
 * found on the (domain, address) index alone, and the count is the index count minus that list, so
 * no alias row is ever joined against the mailbox table.
 */
export async function findAliasPage(db: Db, domain: string, q: string, requestedPage: number): Promise<AliasPage> {
  const pattern = prefixPattern(q);
  const like = pattern === null ? Prisma.empty : Prisma.sql`AND a.address LIKE ${pattern}`;
  const selfRows = await db.$queryRaw<{ address: string }[]>`
    SELECT a.address FROM mailbox m JOIN alias a ON a.address = m.username
    WHERE m.domain = ${domain} AND a.domain = ${domain} ${like} LIMIT ${SELF_LIST_MAX + 1}`;
  if (selfRows.length > SELF_LIST_MAX) return findAliasPageRowByRow(db, domain, like, requestedPage);
  const selfs = new Set(selfRows.map((r) => r.address.toLowerCase()));

  // The wanted rows lie within selfs.size rows after raw position `offset`: read that window from the
  // (domain, address) index while counting, assuming the page exists (read again if it had to be clamped).
  const readWindow = (offset: number) => db.$queryRaw<{ address: string }[]>`
    SELECT a.address FROM alias a WHERE a.domain = ${domain} ${like}
    ORDER BY a.address LIMIT ${ALIAS_PAGE_SIZE + 2 * selfs.size} OFFSET ${offset}`;
  const guessed = paging(Number.MAX_SAFE_INTEGER, requestedPage).offset;
  const [[raw], guessedWindow] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM alias a WHERE a.domain = ${domain} ${like}`,
    readWindow(guessed),
  ]);
  const total = Number(raw?.n ?? 0) - selfs.size;
  const { page, pageCount, offset } = paging(total, requestedPage);
  if (total === 0) return { addresses: [], total, page, pageCount };
  const window = offset === guessed ? guessedWindow : await readWindow(offset);

  // how many non-self rows of the window to skip: as many as self-aliases sort before the window
  // (MariaDB compares, in its own collation)
  let skip = 0;
  const first = window[0]?.address;
  if (offset > 0 && selfs.size > 0 && first !== undefined) {
    const [before] = await db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM mailbox m JOIN alias a ON a.address = m.username
      WHERE m.domain = ${domain} AND a.domain = ${domain} ${like} AND a.address < ${first}`;
    skip = Number(before?.n ?? 0);
  }
  const addresses = window
    .map((r) => r.address)
    .filter((address) => !selfs.has(address.toLowerCase()))
    .slice(skip, skip + ALIAS_PAGE_SIZE);
  return { addresses, total, page, pageCount };
}

async function findAliasPageRowByRow(db: Db, domain: string, like: Prisma.Sql, requestedPage: number): Promise<AliasPage> {
  const [[raw], [selfCount]] = await Promise.all([
    db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM alias a WHERE a.domain = ${domain} ${like}`,
    db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM mailbox m JOIN alias a ON a.address = m.username WHERE m.domain = ${domain} AND a.domain = ${domain} ${like}`,
  ]);
  const total = Number(raw?.n ?? 0) - Number(selfCount?.n ?? 0);
  const { page, pageCount, offset } = paging(total, requestedPage);
  const rows = await db.$queryRaw<{ address: string }[]>`
    SELECT a.address FROM alias a WHERE a.domain = ${domain} ${like}
    AND NOT EXISTS (SELECT 1 FROM mailbox m WHERE m.username = a.address)
    ORDER BY a.address LIMIT ${ALIAS_PAGE_SIZE} OFFSET ${offset}`;
  return { addresses: rows.map((r) => r.address), total, page, pageCount };
}

function paging(total: number, requestedPage: number) {
  const pageCount = Math.max(1, Math.ceil(total / ALIAS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(Number.isFinite(requestedPage) ? requestedPage : 1)), pageCount);
  return { page, pageCount, offset: (page - 1) * ALIAS_PAGE_SIZE };
}
