import { z } from 'zod';
import { isLatin1Text } from '@/lib/db/latin1';
import { FIRST_PAGE, LAST_PAGE, type Cursor } from './keyset';

/** Longer than any address (255 in the tables, 320 in RFC 5321's sum of parts). */
export const MAX_KEY_LENGTH = 320;

// Next.js gives `?a=1&a=2` as an array: the first value counts.
const firstValue = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** An optional text field of a page's query string (a notice's address...), dropped when too long. */
export const optionalParam = z.preprocess(firstValue, z.string().max(MAX_KEY_LENGTH).optional()).catch(undefined);

/** An optional `=1` flag of a page's query string (a notice after a redirect); anything else is dropped. */
export const flagParam = z.preprocess(firstValue, z.literal('1').optional()).catch(undefined);

// A cursor is only ever a key the list printed: anything else (too long, not storable in the
// latin1 key columns, empty) is dropped, and the list starts from its first page.
const cursorKey = z.preprocess(firstValue, z.string().min(1).max(MAX_KEY_LENGTH).refine(isLatin1Text).optional()).catch(undefined);

/**
 * The query string of a long list: `q` (the search box) and at most one cursor: `after` (Next),
 * `before` (Previous) or `last=1` (Last); none is the first page. Never fails: a field that does not
 * parse is left out. Pages extend it with their own fields.
 */
export const listQuerySchema = z.object({
  q: z.preprocess(firstValue, z.string().transform((s) => s.slice(0, MAX_KEY_LENGTH))).catch(''),
  after: cursorKey,
  before: cursorKey,
  last: flagParam,
});

export type ListQuery = z.infer<typeof listQuerySchema>;

/** The cursor a parsed query string asks for; `after` wins over `before`, which wins over `last`. */
export function cursorOf(query: Pick<ListQuery, 'after' | 'before' | 'last'>): Cursor {
  if (query.after !== undefined) return { kind: 'after', key: query.after };
  if (query.before !== undefined) return { kind: 'before', key: query.before };
  return query.last ? LAST_PAGE : FIRST_PAGE;
}

/** The URL of a list's page: its search and the cursor, every value encoded. */
export function listHref(basePath: string, q: string, cursor: Cursor): string {
  const params = new URLSearchParams();
  if (q !== '') params.set('q', q);
  if (cursor.kind === 'after') params.set('after', cursor.key);
  if (cursor.kind === 'before') params.set('before', cursor.key);
  if (cursor.kind === 'last') params.set('last', '1');
  const query = params.toString();
  return query === '' ? basePath : `${basePath}?${query}`;
}
