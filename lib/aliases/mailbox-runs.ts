import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { KeyOrder } from '@/lib/pagination/keyset';
import { boundSql, likeSql, orderSql, reverseOrder, untilSql } from '@/lib/pagination/sql';

// Listing aliases skips the mailboxes' own alias rows one key lookup at a time. Where thousands of
// them follow one another (mailbox names that sort apart from alias names: user000123 and sales),
// that is thousands of lookups for one page. Such a run is crossed here in strides instead: a span
// holds no alias to list when its alias keys are exactly its mailbox keys, and comparing the two
// lists as whole strings costs about a plain read of both indexes.

/** Alias rows per window; a window that is nearly all mailboxes' rows starts a crossing. */
export const ALIAS_WINDOW = 512;
/** A window with at most 1 alias to list in this many rows is "nearly all mailboxes' rows". */
const RUN_RATIO = 20;
/** Mailboxes crossed by the first stride; each certified stride makes the next STRIDE_GROWTH times longer. */
export const FIRST_STRIDE = 4096;
const STRIDE_GROWTH = 4;
// Longest key list compared in one go (about 500,000 addresses); a longer one is not compared (and
// the rows are checked one by one), since a truncated list could compare equal.
const MAX_KEY_LIST = 16 * 1024 * 1024;

const aliasesWhere = (domain: string, pattern: string | null) => Prisma.sql`a.domain = ${domain} ${likeSql('a.address', pattern)}`;
const mailboxesWhere = (domain: string, pattern: string | null) => Prisma.sql`m.domain = ${domain} ${likeSql('m.username', pattern)}`;

/** The key of the `n`th alias row (mailboxes' rows included) strictly beyond `from`: the far end of a window, from the index alone. */
export function aliasWindowEndSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, n: number): Prisma.Sql {
  return Prisma.sql`SELECT a.address AS k FROM alias a FORCE INDEX (domain)
    WHERE ${aliasesWhere(domain, pattern)} ${boundSql('a.address', order, from)}
    ORDER BY a.address ${orderSql(order)} LIMIT 1 OFFSET ${n - 1}`;
}

/**
 * The `n`th mailbox key strictly beyond `from` in `order`, and whether the `n`th alias key is the
 * same one: if not, the span up to it cannot hold exactly its mailboxes' rows (and is not compared,
 * so a failed stride costs no more than reading `n` entries of each index).
 */
export function strideEndSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, n: number): Prisma.Sql {
  return Prisma.sql`SELECT s.k, COALESCE((${aliasWindowEndSql(domain, pattern, order, from, n)}) = s.k, 0) AS aligned FROM (
    SELECT m.username AS k FROM mailbox m FORCE INDEX (domain)
    WHERE ${mailboxesWhere(domain, pattern)} ${boundSql('m.username', order, from)}
    ORDER BY m.username ${orderSql(order)} LIMIT 1 OFFSET ${n - 1}) s`;
}

/** The farthest mailbox key beyond `from` in `order`. */
export function farthestMailboxSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null): Prisma.Sql {
  return Prisma.sql`SELECT m.username AS k FROM mailbox m FORCE INDEX (domain)
    WHERE ${mailboxesWhere(domain, pattern)} ${boundSql('m.username', order, from)}
    ORDER BY m.username ${orderSql(reverseOrder(order))} LIMIT 1`;
}

/**
 * Whether the alias keys between `from` (excluded) and `until` (included) are exactly the mailbox
 * keys there: as many, and their comma-separated lists equal in the columns' collation (as the
 * anti-join compares them), no alias key holding a comma (so no key can pass for two). A list too
 * long to compare, or an empty one, is "no".
 */
export function sameKeysSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, until: string): Prisma.Sql {
  return Prisma.sql`SET STATEMENT group_concat_max_len = ${Prisma.raw(String(MAX_KEY_LIST))} FOR
    SELECT COALESCE(x.n = y.n AND x.commas = 0 AND x.key_list = y.key_list AND LENGTH(x.key_list) < ${MAX_KEY_LIST}, 0) AS same FROM
    (SELECT COUNT(*) AS n, SUM(LOCATE(',', a.address)) AS commas, GROUP_CONCAT(a.address) AS key_list FROM alias a FORCE INDEX (domain)
      WHERE ${aliasesWhere(domain, pattern)} ${boundSql('a.address', order, from)} ${untilSql('a.address', order, until)}) x,
    (SELECT COUNT(*) AS n, GROUP_CONCAT(m.username) AS key_list FROM mailbox m FORCE INDEX (domain)
      WHERE ${mailboxesWhere(domain, pattern)} ${boundSql('m.username', order, from)} ${untilSql('m.username', order, until)}) y`;
}

/** What a walk learnt while crossing runs: whether crossing all the way to the farthest mailbox failed once. */
export interface CrossingState {
  farthestFailed: boolean;
}

/**
 * How far past `from` (in `order`) the domain's alias keys are only mailboxes' own rows, as far as
 * strides of mailboxes certify it: the last certified key (reading resumes after it), or null when
 * nothing is. After a first certified stride, or when fewer mailboxes than a stride are left, the
 * rest of the span up to the farthest mailbox is tried at once (the run is often the whole block of
 * mailbox names); once that fails, growing strides go on, and the same walk does not try it again.
 */
export async function crossMailboxRun(db: Db | Tx, domain: string, pattern: string | null, order: KeyOrder, from: string, state: CrossingState): Promise<string | null> {
  const isSame = async (start: string, until: string) =>
    Number((await db.$queryRaw<{ same: bigint | number }[]>(sameKeysSql(domain, pattern, order, start, until)))[0]?.same ?? 0) === 1;
  // the key of the farthest mailbox when the whole rest of the span is certified, else null (and not tried again)
  const crossToFarthest = async (start: string): Promise<string | null> => {
    if (state.farthestFailed) return null;
    const [farthest] = await db.$queryRaw<{ k: string }[]>(farthestMailboxSql(domain, pattern, order, start));
    if (farthest !== undefined && (await isSame(start, farthest.k))) return farthest.k;
    state.farthestFailed = true;
    return null;
  };
  let position = from;
  for (let stride = FIRST_STRIDE; ; stride *= STRIDE_GROWTH) {
    if (position !== from) {
      const farthest = await crossToFarthest(position);
      if (farthest !== null) return farthest;
    }
    const [end] = await db.$queryRaw<{ k: string; aligned: bigint | number }[]>(strideEndSql(domain, pattern, order, position, stride));
    if (end === undefined) return (await crossToFarthest(position)) ?? (position === from ? null : position);
    if (Number(end.aligned) !== 1 || !(await isSame(position, end.k))) break;
    position = end.k;
  }
  return position === from ? null : position;
}

/** Crossings under way or done for one request, by reading order and start: its page read and its count share them. */
export type CrossingMemo = Map<string, Promise<string | null>>;

/**
 * Walks the domain's alias rows from `from` in `order`, a window of `windowSize()` rows at a time:
 * `take(start, until, size)` handles the span after `start` up to `until` (to the end when null) and
 * answers whether it has had enough, and how many aliases to list it found there. A window nearly
 * all mailboxes' rows ends in a run, crossed in strides before the next window (the crossing shared
 * through `crossings`); if not even a stride is certified, `take` gets the rest at once (checked row
 * by row).
 */
export async function walkAliases(
  db: Db | Tx,
  domain: string,
  pattern: string | null,
  order: KeyOrder,
  from: string | null,
  windowSize: () => number,
  take: (start: string | null, until: string | null, size: number) => Promise<{ done: boolean; found: number }>,
  crossings: CrossingMemo = new Map(),
): Promise<void> {
  const state: CrossingState = { farthestFailed: false };
  let position = from;
  for (;;) {
    const size = windowSize();
    const [end] = await db.$queryRaw<{ k: string }[]>(aliasWindowEndSql(domain, pattern, order, position, size));
    const { done, found } = await take(position, end?.k ?? null, size);
    if (done || end === undefined) return;
    if (found * RUN_RATIO > size) {
      position = end.k;
      continue;
    }
    const key = `${order} ${end.k}`;
    const crossing = crossings.get(key) ?? crossMailboxRun(db, domain, pattern, order, end.k, state);
    crossings.set(key, crossing);
    const crossed = await crossing;
    if (crossed === null) {
      await take(end.k, null, size);
      return;
    }
    position = crossed;
  }
}
