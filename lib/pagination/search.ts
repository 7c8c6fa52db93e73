import { domainToASCII } from 'node:url';
import { isLatin1Text } from '@/lib/db/latin1';
import { FIRST_PAGE, type Cursor } from './keyset';

/** What a list's search box asks for: every row, the rows whose key starts with a LIKE pattern, or none at all. */
export type KeySearch = { kind: 'all' } | { kind: 'prefix'; pattern: string } | { kind: 'none' };

/** The escape character of the LIKE patterns below (given explicitly: a backslash depends on sql_mode). */
export const LIKE_ESCAPE = '!';

/**
 * The search box's text as "address starts with": lowercase, a Unicode domain after `@` in punycode,
 * LIKE wildcards taken literally. Addresses start with their local part, so the pattern is a prefix of
 * the (domain, address) index and MariaDB reads a key range. Text that a latin1 column cannot hold
 * matches nothing (and would make MariaDB refuse the comparison).
 */
export function keySearch(q: string): KeySearch {
  let term = q.trim().toLowerCase();
  if (term === '') return { kind: 'all' };
  const at = term.lastIndexOf('@');
  if (at >= 0 && !/^[\x00-\x7f]*$/.test(term.slice(at + 1))) {
    const ascii = domainToASCII(term.slice(at + 1));
    if (ascii) term = `${term.slice(0, at + 1)}${ascii}`;
  }
  if (!isLatin1Text(term)) return { kind: 'none' };
  return { kind: 'prefix', pattern: `${term.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)}%` };
}

/** The cursor itself when a latin1 key column can hold its key; else (a made-up key) the first page. */
export function storableCursor(cursor: Cursor): Cursor {
  return (cursor.kind === 'after' || cursor.kind === 'before') && !isLatin1Text(cursor.key) ? FIRST_PAGE : cursor;
}
