import { createHash, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { crypt as md5Crypt } from 'nano-md5';
import { verify as shaCryptVerify } from 'unixcrypt';

// Every password string Postfix/Dovecot databases carry: `{SCHEME}hash`, or a bare crypt hash
// (PostfixAdmin 3.3 writes bare `$1$` md5crypt by default). A stored prefix always wins.

export type Scheme = 'BLF-CRYPT' | 'SHA512-CRYPT' | 'SHA256-CRYPT' | 'MD5-CRYPT' | 'PLAIN' | 'PLAIN-MD5' | 'UNKNOWN';

export const DEFAULT_SCHEME = 'BLF-CRYPT' as const;
const BCRYPT_COST = 10;

/** Which scheme a stored password string uses (by its `{PREFIX}`, else by its crypt `$id$`). */
export function detectScheme(stored: string): Scheme {
  const m = /^\{([A-Z0-9.-]+)\}(.*)$/s.exec(stored);
  if (m) {
    const prefix = m[1] ?? '';
    const rest = m[2] ?? '';
    if (prefix === 'CRYPT') return detectCryptHash(rest);
    if (prefix === 'BLF-CRYPT' || prefix === 'SHA512-CRYPT' || prefix === 'SHA256-CRYPT' || prefix === 'MD5-CRYPT') return prefix;
    if (prefix === 'PLAIN' || prefix === 'CLEAR' || prefix === 'CLEARTEXT') return 'PLAIN';
    if (prefix === 'PLAIN-MD5' || prefix === 'LDAP-MD5') return 'PLAIN-MD5';
    return 'UNKNOWN';
  }
  if (/^[0-9a-f]{32}$/i.test(stored)) return 'PLAIN-MD5';
  return detectCryptHash(stored);
}

function detectCryptHash(hash: string): Scheme {
  if (/^\$2[abxy]\$\d\d\$/.test(hash)) return 'BLF-CRYPT';
  if (hash.startsWith('$6$')) return 'SHA512-CRYPT';
  if (hash.startsWith('$5$')) return 'SHA256-CRYPT';
  if (hash.startsWith('$1$')) return 'MD5-CRYPT';
  return 'UNKNOWN';
}

function stripPrefix(stored: string): string {
  return stored.replace(/^\{[A-Z0-9.-]+\}/, '');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Checks a password against any stored form listed above; unknown schemes never match. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const hash = stripPrefix(stored);
  switch (detectScheme(stored)) {
    case 'BLF-CRYPT':
      // PHP and Dovecot write $2y$; bcryptjs reads $2a$/$2b$, which are the same algorithm.
      return bcrypt.compare(plain, hash.replace(/^\$2[xy]\$/, '$2b$'));
    case 'SHA512-CRYPT':
    case 'SHA256-CRYPT':
      try {
        return shaCryptVerify(plain, hash);
      } catch {
        return false;
      }
    case 'MD5-CRYPT': {
      const salt = /^\$1\$([^$]{0,8})/.exec(hash)?.[1];
      return salt !== undefined && safeEqual(md5Crypt(plain, `$1$${salt}$`), hash);
    }
    case 'PLAIN':
      return safeEqual(plain, hash);
    case 'PLAIN-MD5':
      return safeEqual(createHash('md5').update(plain).digest('hex'), hash.toLowerCase());
    default:
      return false;
  }
}

/** Hashes a new password in the given scheme, with its `{SCHEME}` prefix (Dovecot reads it). */
export async function hashPassword(plain: string, scheme: typeof DEFAULT_SCHEME = DEFAULT_SCHEME): Promise<string> {
  return `{${scheme}}${await bcrypt.hash(plain, BCRYPT_COST)}`;
}

/** Whether a stored password should be rehashed into the default scheme after a successful login. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`{${DEFAULT_SCHEME}}`);
}

/** A stored hash of a random password, to spend the same time on unknown users as on known ones. */
export const TIMING_DUMMY_HASH = '{BLF-CRYPT}$2b$10$gtf1tMvQ.nPjcvptXV2Q8O9EVpIf6Y7X2a0e7bwF3xf.pxvvrhWAS';
