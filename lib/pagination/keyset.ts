/** Rows shown on one page of a long list. */
export const PAGE_SIZE = 25;
/** A list's total is counted up to this many rows; beyond it the page says "more than 10,000". */
export const COUNT_CAP = 10_000;

/** Which page of a list: by the key of a row next to it, never by position (no OFFSET scans). */
export type Cursor = { kind: 'first' } | { kind: 'last' } | { kind: 'after'; key: string } | { kind: 'before'; key: string };

export const FIRST_PAGE: Cursor = { kind: 'first' };
export const LAST_PAGE: Cursor = { kind: 'last' };

export type KeyOrder = 'asc' | 'desc';

/** A count that stopped at its cap: `isMore` means "more than `count`". */
export interface CappedCount {
  count: number;
  isMore: boolean;
}

/**
 * A list's rows as the database orders them by key. Every comparison between keys happens in the
 * database (in the column's collation); this module only asks for "the next n after k".
 */
export interface KeysetSource<Row> {
  keyOf(row: Row): string;
  /** Up to `limit` rows in key order (`asc`) or reverse key order (`desc`), strictly beyond `from` in that order when given. */
  read(order: KeyOrder, from: string | null, limit: number): Promise<Row[]>;
  /** Whether a row exists with key `key` or beyond it in `order`. */
  hasRowFrom(order: KeyOrder, key: string): Promise<boolean>;
  /** The rows, counted up to `limit` at most. */
  count(limit: number): Promise<number>;
}

export interface KeysetPage<Row> {
  rows: Row[];
  total: CappedCount;
  /** the cursor of the previous page (this page's first key), null on the first page */
  previous: string | null;
  /** the cursor of the next page (this page's last key), null on the last page */
  next: string | null;
}

export interface KeysetOptions {
  pageSize?: number;
  countCap?: number;
}

export function capCount(counted: number, cap: number): CappedCount {
  return counted > cap ? { count: cap, isMore: true } : { count: counted, isMore: false };
}

type Window<Row> = Omit<KeysetPage<Row>, 'total'>;

/**
 * One page of a list, read by key: `size + 1` rows tell whether there is a page beyond. First: the
 * first rows; Next (after k): the rows after k; Last: the last rows, read backwards; Previous
 * (before k): the rows before k, read backwards. A cursor past the end gives the last page, and one
 * with less than a page before it gives the first page, so a stale or made-up cursor still shows a
 * full page. The total is counted, up to the cap, at the same time.
 */
export async function readKeysetPage<Row>(source: KeysetSource<Row>, cursor: Cursor, options: KeysetOptions = {}): Promise<KeysetPage<Row>> {
  const size = options.pageSize ?? PAGE_SIZE;
  const cap = options.countCap ?? COUNT_CAP;
  const [window, counted] = await Promise.all([readWindow(source, cursor, size), source.count(cap + 1)]);
  return { ...window, total: capCount(counted, cap) };
}

async function readWindow<Row>(source: KeysetSource<Row>, cursor: Cursor, size: number): Promise<Window<Row>> {
  const key = (row: Row | undefined) => (row === undefined ? null : source.keyOf(row));
  // rows in key order, `more` when a page follows them, `hasBefore` when one precedes them
  const forward = (rows: Row[], hasBefore: boolean): Window<Row> => {
    const page = rows.slice(0, size);
    return { rows: page, previous: hasBefore ? key(page[0]) : null, next: rows.length > size ? key(page.at(-1)) : null };
  };
  // rows read backwards (last first), `hasAfter` when a page follows them
  const backward = (rows: Row[], hasAfter: boolean): Window<Row> => {
    const page = rows.slice(0, size).reverse();
    return { rows: page, previous: rows.length > size ? key(page[0]) : null, next: hasAfter ? key(page.at(-1)) : null };
  };

  switch (cursor.kind) {
    case 'first':
      return forward(await source.read('asc', null, size + 1), false);
    case 'last':
      return backward(await source.read('desc', null, size + 1), false);
    case 'after': {
      const [rows, hasBefore] = await Promise.all([source.read('asc', cursor.key, size + 1), source.hasRowFrom('desc', cursor.key)]);
      if (rows.length === 0) return readWindow(source, hasBefore ? LAST_PAGE : FIRST_PAGE, size);
      return forward(rows, hasBefore);
    }
    case 'before': {
      const [rows, hasAfter] = await Promise.all([source.read('desc', cursor.key, size + 1), source.hasRowFrom('asc', cursor.key)]);
      if (rows.length <= size) return readWindow(source, FIRST_PAGE, size);
      return backward(rows, hasAfter);
    }
  }
}

/** A source with no rows (a search that cannot match anything), answering without a query. */
export function emptySource<Row>(keyOf: (row: Row) => string): KeysetSource<Row> {
  return { keyOf, read: async () => [], hasRowFrom: async () => false, count: async () => 0 };
}
