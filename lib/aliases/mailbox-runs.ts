import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { KeyOrder } from '@/lib/pagination/keyset';
import { boundSql, likeSql, orderSql, reverseOrder, untilSql } from '@/lib/pagination/sql';

// Listing aliases skips the mailboxes' own alias rows one key lookup at a time. Where thousands of
// them follow one another (mailbox names that sort apart from alias names: user000123 and sales),
// that is thousands of lookups for one page. Such a run is crossed here in growing strides instead: a span
// holds no alias to list when its alias keys are exactly its mailbox keys, and comparing the two
// lists as whole strings costs a plain read of both indexes.

/** Alias rows read per window before a run of mailboxes' rows is suspected and crossed in strides. */
export const ALIAS_WINDOW = 512;
/** Mailboxes crossed by the first stride; each certified stride makes the next STRIDE_GROWTH times longer. */
export const FIRST_STRIDE = 4096;
const STRIDE_GROWTH = 4;
// Longest key list compared in one go (about 500,000 addresses); a longer one is not compared (and
// the rows are checked one by one), since a truncated list could compare equal.
const MAX_KEY_LIST = 16 * 1024 * 1024;

const mailboxesWhere = (domain: string, pattern: string | null) => Prisma.sql`m.domain = ${domain} ${likeSql('m.username', pattern)}`;

/** The `n`th mailbox key strictly beyond `from` in `order`. */
export function mailboxAtSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, n: number): Prisma.Sql {
  return Prisma.sql`SELECT m.username AS k FROM mailbox m FORCE INDEX (domain)
    WHERE ${mailboxesWhere(domain, pattern)} ${boundSql('m.username', order, from)}
    ORDER BY m.username ${orderSql(order)} LIMIT 1 OFFSET ${n - 1}`;
}

/** The farthest mailbox key beyond `from` in `order`. */
export function farthestMailboxSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null): Prisma.Sql {
  return Prisma.sql`SELECT m.username AS k FROM mailbox m FORCE INDEX (domain)
    WHERE ${mailboxesWhere(domain, pattern)} ${boundSql('m.username', order, from)}
    ORDER BY m.username ${orderSql(reverseOrder(order))} LIMIT 1`;
}

/**
 * Whether the alias keys between `from` (excluded) and `until` (included) are exactly the mailbox
 * keys there: both lists, each key prefixed with its length (so no key can pass for two), compared
 * in the columns' collation, as the anti-join compares them. A list too long to compare is "no".
 */
export function sameKeysSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, until: string): Prisma.Sql {
  const list = (column: string) => Prisma.raw(`GROUP_CONCAT(CONCAT(LENGTH(${column}), ':', ${column}))`);
  return Prisma.sql`SET STATEMENT group_concat_max_len = ${Prisma.raw(String(MAX_KEY_LIST))} FOR
    SELECT COALESCE(x.key_list = y.key_list AND LENGTH(x.key_list) < ${MAX_KEY_LIST}, 0) AS same FROM
    (SELECT ${list('a.address')} AS key_list FROM alias a FORCE INDEX (domain)
      WHERE a.domain = ${domain} ${likeSql('a.address', pattern)} ${boundSql('a.address', order, from)} ${untilSql('a.address', order, until)}) x,
    (SELECT ${list('m.username')} AS key_list FROM mailbox m FORCE INDEX (domain)
      WHERE ${mailboxesWhere(domain, pattern)} ${boundSql('m.username', order, from)} ${untilSql('m.username', order, until)}) y`;
}

/** What a walk learnt while crossing runs: whether crossing all the way to the farthest mailbox failed once. */
export interface CrossingState {
  farthestFailed: boolean;
}

/**
 * How far past `from` (in `order`) the domain's alias keys are only mailboxes' own rows, as far as
 * strides of mailboxes certify it: the last certified key (reading resumes after it), or null when
 * not even the first stride is. After a first certified stride the rest of the span, up to the
 * farthest mailbox, is tried at once (the run is often the whole block of mailbox names); if that
 * fails, growing strides go on, and no later crossing of the same walk tries it again.
 */
export async function crossMailboxRun(db: Db | Tx, domain: string, pattern: string | null, order: KeyOrder, from: string, state: CrossingState): Promise<string | null> {
  const keyOf = async (query: Prisma.Sql) => (await db.$queryRaw<{ k: string }[]>(query))[0]?.k ?? null;
  let position = from;
  for (let stride = FIRST_STRIDE; ; stride *= STRIDE_GROWTH) {
    const toFarthest = position !== from && !state.farthestFailed;
    const strideEnd = toFarthest ? null : await keyOf(mailboxAtSql(domain, pattern, order, position, stride));
    const until = strideEnd ?? (await keyOf(farthestMailboxSql(domain, pattern, order, position)));
    if (until === null) break;
    const [row] = await db.$queryRaw<{ same: bigint | number }[]>(sameKeysSql(domain, pattern, order, position, until));
    if (Number(row?.same ?? 0) !== 1) {
      if (!toFarthest) break;
      state.farthestFailed = true;
      continue;
    }
    position = until;
    if (strideEnd === null) break;
  }
  return position === from ? null : position;
}

/** The key of the `n`th alias row (mailboxes' rows included) strictly beyond `from`: the far end of a window, from the index alone. */
export function aliasWindowEndSql(domain: string, pattern: string | null, order: KeyOrder, from: string | null, n: number): Prisma.Sql {
  return Prisma.sql`SELECT a.address AS k FROM alias a FORCE INDEX (domain)
    WHERE a.domain = ${domain} ${likeSql('a.address', pattern)} ${boundSql('a.address', order, from)}
    ORDER BY a.address ${orderSql(order)} LIMIT 1 OFFSET ${n - 1}`;
}

/**
 * Walks the domain's alias rows from `from` in `order`, `window` rows at a time: `take(start, until)`
 * handles the span after `start` up to `until` (to the end when null) and says whether it has had
 * enough. A window that was not enough is mostly mailboxes' rows, so the run it ends in is crossed in
 * strides before the next window; once not even a stride is certified, `take` gets the rest at once
 * (checked row by row).
 */
export async function walkAliases(
  db: Db | Tx,
  domain: string,
  pattern: string | null,
  order: KeyOrder,
  from: string | null,
  window: number,
  take: (start: string | null, until: string | null) => Promise<boolean>,
): Promise<void> {
  const state: CrossingState = { farthestFailed: false };
  let position = from;
  for (;;) {
    const [end] = await db.$queryRaw<{ k: string }[]>(aliasWindowEndSql(domain, pattern, order, position, window));
    if ((await take(position, end?.k ?? null)) || end === undefined) return;
    const crossed = await crossMailboxRun(db, domain, pattern, order, end.k, state);
    if (crossed === null) {
      await take(end.k, null);
      return;
    }
    position = crossed;
  }
}
