import { detectScheme, type Scheme } from './hash';

// Counting stored password schemes over 100,000 rows without reading them: the database groups the
// rows by what detectScheme looks at (the `{PREFIX}` and the shape of the hash after it), and each
// group is then named by detectScheme itself, on a sample string of that prefix and shape.
// groupOf below is the same grouping in TypeScript: the integration test holds the SQL to it.

/** The shapes of a hash that decide its scheme, in the order the SQL tests them. */
export const SHAPES = ['bcrypt', 'sha512', 'sha256', 'md5crypt', 'des', 'hex32', 'other'] as const;
export type Shape = (typeof SHAPES)[number];

const SAMPLE: Record<Shape, string> = {
  bcrypt: `$2b$10$${'a'.repeat(53)}`,
  sha512: '$6$salt$hash',
  sha256: '$5$salt$hash',
  md5crypt: '$1$salt$hash',
  des: 'abcdefghijklm',
  hex32: '0123456789abcdef0123456789abcdef',
  other: '!',
};

/** MariaDB regular expressions (PCRE) for the shapes; `\z` is the very end (`$` would allow a final newline). */
export const SQL_PATTERNS = {
  prefix: '^\\{[A-Za-z0-9.-]+\\}',
  bcrypt: '^\\$2[abxy]\\$[0-9]{2}\\$',
  des: '^[./0-9A-Za-z]{13}\\z',
  hex32: '^[0-9a-fA-F]{32}\\z',
} as const;

/** A stored password's group as the SQL computes it: its upper-cased `{PREFIX}` (or null) and its shape. */
export function groupOf(stored: string): { prefix: string | null; shape: Shape } {
  const m = /^\{([A-Za-z0-9.-]+)\}/.exec(stored);
  const prefix = m ? (m[1] ?? '').toUpperCase() : null;
  const rest = m ? stored.slice(stored.indexOf('}') + 1) : stored;
  let shape: Shape = 'other';
  if (/^\$2[abxy]\$[0-9]{2}\$/.test(rest)) shape = 'bcrypt';
  else if (rest.startsWith('$6$')) shape = 'sha512';
  else if (rest.startsWith('$5$')) shape = 'sha256';
  else if (rest.startsWith('$1$')) shape = 'md5crypt';
  else if (/^[./0-9A-Za-z]{13}$/.test(rest)) shape = 'des';
  else if (/^[0-9a-fA-F]{32}$/.test(rest)) shape = 'hex32';
  return { prefix, shape };
}

/** The scheme of every password in a group: detectScheme on a sample of the group's prefix and shape. */
export function schemeOfGroup(prefix: string | null, shape: Shape): Scheme {
  return detectScheme(`${prefix === null ? '' : `{${prefix}}`}${SAMPLE[shape]}`);
}

export type Strength = 'strong' | 'weak' | 'unusable';

/** How a scheme stands today: salted slow hashes are strong; md5crypt, DES, plain and MD5 are weak; unknown ones cannot be checked. */
export function strengthOf(scheme: Scheme): Strength {
  if (scheme === 'BLF-CRYPT' || scheme === 'SHA512-CRYPT' || scheme === 'SHA256-CRYPT') return 'strong';
  return scheme === 'UNKNOWN' ? 'unusable' : 'weak';
}

/** Every scheme a row can be in, strongest first (the page lists them in this order). */
export const ALL_SCHEMES: readonly Scheme[] = ['BLF-CRYPT', 'SHA512-CRYPT', 'SHA256-CRYPT', 'MD5-CRYPT', 'DES-CRYPT', 'PLAIN-MD5', 'PLAIN', 'UNKNOWN'];
