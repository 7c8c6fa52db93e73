import { describe, expect, it } from 'vitest';
import { capCount, emptySource, readKeysetPage, type Cursor, type KeysetSource } from './keyset';

/** An in-memory list of keys (ASCII, so JavaScript's order is the database's here), recording its reads. */
function memorySource(keys: string[]) {
  const sorted = [...keys].sort();
  const reads: { order: string; from: string | null; limit: number }[] = [];
  const counts: number[] = [];
  const source: KeysetSource<string> = {
    keyOf: (k) => k,
    read: async (order, from, limit) => {
      reads.push({ order, from, limit });
      const rows = order === 'asc' ? sorted.filter((k) => from === null || k > from) : [...sorted].reverse().filter((k) => from === null || k < from);
      return rows.slice(0, limit);
    },
    hasRowFrom: async (order, key) => sorted.some((k) => (order === 'asc' ? k >= key : k <= key)),
    count: async (limit) => {
      counts.push(limit);
      return Math.min(sorted.length, limit);
    },
  };
  return { source, reads, counts };
}

const keysOf = (n: number) => Array.from({ length: n }, (_, i) => `k${String(i).padStart(3, '0')}`);
const range = (from: number, to: number) => keysOf(to).slice(from);
const page = (source: KeysetSource<string>, cursor: Cursor) => readKeysetPage(source, cursor, { pageSize: 5, countCap: 12 });

describe('readKeysetPage', () => {
  it.each([
    ['first of 0', 0, { kind: 'first' }, [], null, null],
    ['last of 0', 0, { kind: 'last' }, [], null, null],
    ['after on an empty list', 0, { kind: 'after', key: 'k001' }, [], null, null],
    ['before on an empty list', 0, { kind: 'before', key: 'k001' }, [], null, null],
    ['first of 3', 3, { kind: 'first' }, range(0, 3), null, null],
    ['first of exactly 5', 5, { kind: 'first' }, range(0, 5), null, null],
    ['last of exactly 5', 5, { kind: 'last' }, range(0, 5), null, null],
    ['first of 6', 6, { kind: 'first' }, range(0, 5), null, 'k004'],
    ['next of 6: one row', 6, { kind: 'after', key: 'k004' }, ['k005'], 'k005', null],
    ['last of 6', 6, { kind: 'last' }, range(1, 6), 'k001', null],
    ['previous from the last of 6: the first page', 6, { kind: 'before', key: 'k001' }, range(0, 5), null, 'k004'],
    ['first of 12', 12, { kind: 'first' }, range(0, 5), null, 'k004'],
    ['next of 12', 12, { kind: 'after', key: 'k004' }, range(5, 10), 'k005', 'k009'],
    ['next again: the short end', 12, { kind: 'after', key: 'k009' }, range(10, 12), 'k010', null],
    ['last of 12', 12, { kind: 'last' }, range(7, 12), 'k007', null],
    ['previous from the last of 12', 12, { kind: 'before', key: 'k007' }, range(2, 7), 'k002', 'k006'],
    ['previous again: fewer than a page left, so the first page', 12, { kind: 'before', key: 'k002' }, range(0, 5), null, 'k004'],
    ['after a key that is not in the list', 12, { kind: 'after', key: 'k004x' }, range(5, 10), 'k005', 'k009'],
    ['before a key that is not in the list', 12, { kind: 'before', key: 'k008x' }, range(4, 9), 'k004', 'k008'],
    ['after a key before every row: the first rows, no previous', 12, { kind: 'after', key: 'a' }, range(0, 5), null, 'k004'],
    ['after a key past every row: the last page', 12, { kind: 'after', key: 'z' }, range(7, 12), 'k007', null],
    ['after the last key: the last page', 12, { kind: 'after', key: 'k011' }, range(7, 12), 'k007', null],
    ['before a key past every row: the last rows, no next', 12, { kind: 'before', key: 'z' }, range(7, 12), 'k007', null],
    ['before a key before every row: the first page', 12, { kind: 'before', key: 'a' }, range(0, 5), null, 'k004'],
  ] as const)('%s', async (_name, n, cursor, rows, previous, next) => {
    const result = await page(memorySource(keysOf(n)).source, cursor);
    expect(result.rows).toEqual(rows);
    expect(result.previous).toBe(previous);
    expect(result.next).toBe(next);
  });

  it.each([0, 1, 4, 5, 6, 11, 12, 13, 29])('with %i rows, Next from First and Previous from Last each visit every row once, in order', async (n) => {
    const { source } = memorySource(keysOf(n));
    const forward: string[] = [];
    let p = await page(source, { kind: 'first' });
    for (let guard = 0; guard < 20; guard++) {
      forward.push(...p.rows);
      if (p.next === null) break;
      p = await page(source, { kind: 'after', key: p.next });
    }
    expect(forward).toEqual(keysOf(n));

    // backwards the pages are aligned on the end; the first page is full, so its rows may repeat
    const seen = new Set<string>();
    p = await page(source, { kind: 'last' });
    for (let guard = 0; guard < 20; guard++) {
      p.rows.forEach((k) => seen.add(k));
      if (p.previous === null) break;
      p = await page(source, { kind: 'before', key: p.previous });
    }
    expect([...seen].sort()).toEqual(keysOf(n));
    expect(p.rows).toEqual(keysOf(n).slice(0, 5));
  });

  it('reads one row more than a page, and counts one more than the cap', async () => {
    const { source, reads, counts } = memorySource(keysOf(30));
    await page(source, { kind: 'after', key: 'k010' });
    expect(reads).toEqual([{ order: 'asc', from: 'k010', limit: 6 }]);
    expect(counts).toEqual([13]);
  });

  it.each([
    [0, { count: 0, isMore: false }],
    [11, { count: 11, isMore: false }],
    [12, { count: 12, isMore: false }],
    [13, { count: 12, isMore: true }],
    [40, { count: 12, isMore: true }],
  ])('the total of %i rows with a cap of 12 is %j', async (n, total) => {
    expect((await page(memorySource(keysOf(n)).source, { kind: 'first' })).total).toEqual(total);
  });

  it('caps a count', () => {
    expect(capCount(10_000, 10_000)).toEqual({ count: 10_000, isMore: false });
    expect(capCount(10_001, 10_000)).toEqual({ count: 10_000, isMore: true });
  });

  it('an empty source answers an empty first page', async () => {
    expect(await readKeysetPage(emptySource<string>((k) => k), { kind: 'after', key: 'x' })).toEqual({ rows: [], total: { count: 0, isMore: false }, previous: null, next: null });
  });
});
