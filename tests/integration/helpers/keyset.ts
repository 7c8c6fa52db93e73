import type { Prisma } from '@/lib/generated/prisma/client';
import type { Cursor, KeysetPage } from '@/lib/pagination/keyset';
import { withSql } from './database';

type ReadPage = (cursor: Cursor) => Promise<KeysetPage<string> | null>;

/** Follows Next from the first page to the end: every key in the order shown, and the pages. */
export async function walkForward(read: ReadPage): Promise<{ keys: string[]; pages: KeysetPage<string>[] }> {
  const pages: KeysetPage<string>[] = [];
  let page = await read({ kind: 'first' });
  while (page) {
    pages.push(page);
    if (page.next === null || pages.length > 10_000) break;
    page = await read({ kind: 'after', key: page.next });
  }
  return { keys: pages.flatMap((p) => p.rows), pages };
}

/** Follows Previous from the last page to the first: the pages, last one first. */
export async function walkBackward(read: ReadPage): Promise<KeysetPage<string>[]> {
  const pages: KeysetPage<string>[] = [];
  let page = await read({ kind: 'last' });
  while (page) {
    pages.push(page);
    if (page.previous === null || pages.length > 10_000) break;
    page = await read({ kind: 'before', key: page.previous });
  }
  return pages;
}

const READS = ['Handler_read_first', 'Handler_read_key', 'Handler_read_last', 'Handler_read_next', 'Handler_read_prev'];

/**
 * How many index entries MariaDB reads to answer `query` (its handler counters: key lookups and
 * steps along an index), measured on a connection of its own.
 */
export async function indexReads(url: string, query: Prisma.Sql): Promise<number> {
  return withSql(url, async (c) => {
    const counters = async () => {
      const rows: { Variable_name: string; Value: string }[] = await c.query(`SHOW SESSION STATUS WHERE Variable_name IN (${READS.map(() => '?').join(',')})`, READS);
      return rows.reduce((sum, r) => sum + Number(r.Value), 0);
    };
    const before = await counters();
    await c.query(query.sql, query.values);
    return (await counters()) - before;
  });
}

/** MariaDB's plan for `query`, one row per table read. */
export async function explain(url: string, query: Prisma.Sql): Promise<{ table: string; type: string; key: string | null; key_len: string | null; Extra: string | null }[]> {
  return withSql(url, (c) => c.query(`EXPLAIN ${query.sql}`, query.values));
}
