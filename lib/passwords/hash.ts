import {
  bcryptHash,
  bcryptVerify,
  DES_HASH,
  desCryptCheck,
  md5CryptCheck,
  md5CryptHash,
  plainMd5Check,
  safeEqual,
  shaCryptCheck,
  shaCryptHash,
} from './crypt';

// Every password string Postfix/Dovecot databases carry: `{SCHEME}hash`, or a bare crypt hash
// (PostfixAdmin 3.3 writes bare `$1$` md5crypt by default; web-cyradm bare DES crypt or MD5 hex).
// A stored prefix always wins. Bare strings are read as Dovecot reads them with default_pass_scheme = CRYPT,
// except 32 hex digits, which no crypt produces: those are web-cyradm's plain MD5.

export type Scheme = 'BLF-CRYPT' | 'SHA512-CRYPT' | 'SHA256-CRYPT' | 'MD5-CRYPT' | 'DES-CRYPT' | 'PLAIN' | 'PLAIN-MD5' | 'UNKNOWN';

/** Schemes new passwords may be written in (the `passwordScheme` setting), strongest first. */
export const WRITABLE_SCHEMES = ['BLF-CRYPT', 'SHA512-CRYPT', 'SHA256-CRYPT', 'MD5-CRYPT'] as const;
export type WritableScheme = (typeof WRITABLE_SCHEMES)[number];

export const DEFAULT_SCHEME: WritableScheme = 'BLF-CRYPT';

export function isWritableScheme(value: string): value is WritableScheme {
  return (WRITABLE_SCHEMES as readonly string[]).includes(value);
}

/** Which scheme a stored password string uses (by its `{PREFIX}`, else by its crypt `$id$`). */
export function detectScheme(stored: string): Scheme {
  const m = /^\{([A-Za-z0-9.-]+)\}(.*)$/s.exec(stored);
  if (m) {
    const prefix = (m[1] ?? '').toUpperCase();
    const rest = m[2] ?? '';
    switch (prefix) {
      case 'CRYPT':
        return detectCryptHash(rest);
      case 'BLF-CRYPT':
      case 'SHA512-CRYPT':
      case 'SHA256-CRYPT':
      case 'MD5-CRYPT':
      case 'DES-CRYPT':
        return detectCryptHash(rest) === prefix ? prefix : 'UNKNOWN';
      case 'MD5': // Dovecot's MD5 is md5crypt, or a plain MD5 digest when the value is not `$1$...`
        return rest.startsWith('$1$') ? 'MD5-CRYPT' : 'PLAIN-MD5';
      case 'PLAIN':
      case 'CLEAR':
      case 'CLEARTEXT':
        return 'PLAIN';
      case 'PLAIN-MD5':
      case 'LDAP-MD5':
        return 'PLAIN-MD5';
      default:
        return 'UNKNOWN';
    }
  }
  if (/^[0-9a-f]{32}$/i.test(stored)) return 'PLAIN-MD5';
  return detectCryptHash(stored);
}

function detectCryptHash(hash: string): Scheme {
  if (/^\$2[abxy]\$\d\d\$/.test(hash)) return 'BLF-CRYPT';
  if (hash.startsWith('$6$')) return 'SHA512-CRYPT';
  if (hash.startsWith('$5$')) return 'SHA256-CRYPT';
  if (hash.startsWith('$1$')) return 'MD5-CRYPT';
  if (DES_HASH.test(hash)) return 'DES-CRYPT';
  return 'UNKNOWN';
}

function stripPrefix(stored: string): string {
  return stored.replace(/^\{[A-Za-z0-9.-]+\}/, '');
}

/** Checks a password against any stored form listed above; unknown schemes never match. */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const hash = stripPrefix(stored);
  switch (detectScheme(stored)) {
    case 'BLF-CRYPT':
      return bcryptVerify(plain, hash);
    case 'SHA512-CRYPT':
    case 'SHA256-CRYPT':
      return shaCryptCheck(plain, hash);
    case 'MD5-CRYPT':
      return md5CryptCheck(plain, hash);
    case 'DES-CRYPT':
      return desCryptCheck(plain, hash);
    case 'PLAIN':
      return safeEqual(plain, hash);
    case 'PLAIN-MD5':
      return plainMd5Check(plain, hash);
    default:
      return false;
  }
}

/** Hashes a new password in `scheme`, with its `{SCHEME}` prefix (Dovecot and PostfixAdmin read it). */
export async function hashPassword(plain: string, scheme: WritableScheme = DEFAULT_SCHEME): Promise<string> {
  switch (scheme) {
    case 'BLF-CRYPT':
      return `{BLF-CRYPT}${await bcryptHash(plain)}`;
    case 'SHA512-CRYPT':
      return `{SHA512-CRYPT}${shaCryptHash(plain, '6')}`;
    case 'SHA256-CRYPT':
      return `{SHA256-CRYPT}${shaCryptHash(plain, '5')}`;
    case 'MD5-CRYPT':
      return `{MD5-CRYPT}${md5CryptHash(plain)}`;
    default:
      throw new Error(`Unsupported password scheme for new passwords: ${String(scheme)}`);
  }
}

/** Whether a stored password should be rehashed into `scheme` after a successful login. */
export function needsRehash(stored: string, scheme: WritableScheme = DEFAULT_SCHEME): boolean {
  return !stored.startsWith(`{${scheme}}`);
}

/** A stored hash of a random password, to spend the same time on unknown users as on known ones. */
export const TIMING_DUMMY_HASH = '{BLF-CRYPT}$2b$10$gtf1tMvQ.nPjcvptXV2Q8O9EVpIf6Y7X2a0e7bwF3xf.pxvvrhWAS';
