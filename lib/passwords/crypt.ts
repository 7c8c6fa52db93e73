import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { crypt as md5Crypt } from 'nano-md5';
import desCrypt from 'unix-crypt-td-js';
import { encrypt as shaCryptEncrypt, verify as shaCryptVerify } from 'unixcrypt';

// The crypt(3) family and the digests Dovecot reads, one function per scheme, on UTF-8 bytes like C.

const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BCRYPT_COST = 10;

/** Constant-time string comparison (lengths may differ). */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const x = typeof a === 'string' ? Buffer.from(a) : a;
  const y = typeof b === 'string' ? Buffer.from(b) : b;
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `length` random characters from crypt's salt alphabet (64 symbols, so a byte's low 6 bits are uniform). */
export function randomSalt(length: number): string {
  return Array.from(randomBytes(length), (b) => CRYPT_ALPHABET[b & 63]).join('');
}

export async function bcryptHash(plain: string): Promise<string> {
  return bcrypt.hash(plain, BCRYPT_COST);
}

export async function bcryptVerify(plain: string, hash: string): Promise<boolean> {
  const variant = hash.slice(0, 4);
  // $2x$ is crypt_blowfish's record of its old 8-bit bug: it equals $2a$ only for ASCII passwords.
  if (variant === '$2x$' && !/^[\x00-\x7f]*$/.test(plain)) return false;
  // $2y$ (PHP, Dovecot) and $2b$ are the same algorithm; bcryptjs reads $2a$/$2b$.
  return bcrypt.compare(plain, variant === '$2a$' ? hash : `$2b$${hash.slice(4)}`);
}

/** SHA-256 ($5$) or SHA-512 ($6$) crypt with a 16-character salt and the default 5000 rounds. */
export function shaCryptHash(plain: string, id: '5' | '6'): string {
  return shaCryptEncrypt(plain, `$${id}$${randomSalt(16)}`);
}

export function shaCryptCheck(plain: string, hash: string): boolean {
  try {
    return shaCryptVerify(plain, hash);
  } catch {
    return false; // malformed hash
  }
}

export function md5CryptHash(plain: string): string {
  return md5Crypt(plain, `$1$${randomSalt(8)}$`);
}

export function md5CryptCheck(plain: string, hash: string): boolean {
  // crypt(3) reads at most 8 salt characters (PostfixAdmin writes 12: the extra ones are ignored)
  const m = /^\$1\$([^$]{0,8})[^$]*\$[./0-9A-Za-z]{22}$/.exec(hash);
  if (!m) return false;
  const computed = md5Crypt(plain, `$1$${m[1]}$`);
  return safeEqual(computed.slice(computed.lastIndexOf('$')), hash.slice(hash.lastIndexOf('$')));
}

export const DES_HASH = /^[./0-9A-Za-z]{13}$/;

/** Traditional DES crypt: 2-character salt, only the first 8 bytes of the password count (as in crypt(3)). */
export function desCryptCheck(plain: string, hash: string): boolean {
  if (!DES_HASH.test(hash)) return false;
  const bytes = Array.from(Buffer.from(plain, 'utf8'));
  return safeEqual(desCrypt(bytes, hash.slice(0, 2)), hash);
}

/** Plain MD5 digest, stored as 32 hex digits (PLAIN-MD5, web-cyradm) or base64 (LDAP-MD5); Dovecot reads both. */
export function plainMd5Check(plain: string, stored: string): boolean {
  const digest = createHash('md5').update(plain, 'utf8').digest();
  let expected: Buffer;
  if (/^[0-9a-f]{32}$/i.test(stored)) expected = Buffer.from(stored, 'hex');
  else if (/^[A-Za-z0-9+/]{22}==$/.test(stored)) expected = Buffer.from(stored, 'base64');
  else return false;
  return safeEqual(digest, expected);
}
