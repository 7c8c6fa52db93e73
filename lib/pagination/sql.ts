import { Prisma } from '@/lib/generated/prisma/client';
import type { KeyOrder } from './keyset';

// Fragments shared by the keyset queries of the long lists. `column` is always a constant of the
// calling module, never input; keys and patterns are parameters.

export const orderSql = (order: KeyOrder) => (order === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`);

/** `AND column > key` reading forwards, `AND column < key` backwards; with `inclusive`, >= and <=. Nothing without a key. */
export function boundSql(column: string, order: KeyOrder, key: string | null, inclusive = false): Prisma.Sql {
  if (key === null) return Prisma.empty;
  const op = `${order === 'asc' ? '>' : '<'}${inclusive ? '=' : ''}`;
  return Prisma.sql`AND ${Prisma.raw(column)} ${Prisma.raw(op)} ${key}`;
}

/** `AND column LIKE pattern` for a search (patterns from keySearch escape with `!`), nothing without one. */
export function likeSql(column: string, pattern: string | null): Prisma.Sql {
  return pattern === null ? Prisma.empty : Prisma.sql`AND ${Prisma.raw(column)} LIKE ${pattern} ESCAPE '!'`;
}

/** The other reading order. */
export const reverseOrder = (order: KeyOrder): KeyOrder => (order === 'asc' ? 'desc' : 'asc');

/** `AND column <= key` reading forwards, `AND column >= key` backwards: the far end of a span. Nothing without a key. */
export function untilSql(column: string, order: KeyOrder, key: string | null): Prisma.Sql {
  return boundSql(column, reverseOrder(order), key, true);
}
