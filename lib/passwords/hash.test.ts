import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCHEME,
  detectScheme,
  hashPassword,
  isWritableScheme,
  needsRehash,
  TIMING_DUMMY_HASH,
  verifyPassword,
  WRITABLE_SCHEMES,
  type WritableScheme,
} from './hash';

const openssl = (...args: string[]) => execFileSync('openssl', ['passwd', ...args], { encoding: 'utf8' }).trim();

describe('detectScheme', () => {
  it.each([
    ['{BLF-CRYPT}$2y$05$abcdefghijklmnopqrstuu', 'BLF-CRYPT'],
    ['$2b$10$abcdefghijklmnopqrstuu', 'BLF-CRYPT'],
    ['{SHA512-CRYPT}$6$salt$hash', 'SHA512-CRYPT'],
    ['$6$salt$hash', 'SHA512-CRYPT'],
    ['$5$salt$hash', 'SHA256-CRYPT'],
    ['{MD5-CRYPT}$1$salt$hash', 'MD5-CRYPT'],
    ['$1$salt$hash', 'MD5-CRYPT'],
    ['{CRYPT}$1$salt$hash', 'MD5-CRYPT'],
    ['{CRYPT}$2y$05$abc', 'BLF-CRYPT'],
    ['{PLAIN}secret', 'PLAIN'],
    ['{CLEAR}secret', 'PLAIN'],
    ['5ebe2294ecd0e0f08eab7690d2a6ee69', 'PLAIN-MD5'],
    ['{MD5}$1$salt$hash', 'MD5-CRYPT'],
    ['{MD5}5ebe2294ecd0e0f08eab7690d2a6ee69', 'PLAIN-MD5'],
    ['{LDAP-MD5}Xr4ilOzQ4PCOq3aQ0qbuaQ==', 'PLAIN-MD5'],
    ['{DES-CRYPT}abgOeLfPimXQo', 'DES-CRYPT'],
    ['{CRYPT}abgOeLfPimXQo', 'DES-CRYPT'],
    ['abgOeLfPimXQo', 'DES-CRYPT'],
    ['{CLEARTEXT}secret', 'PLAIN'],
    ['{SHA512-CRYPT}$1$salt$hash', 'UNKNOWN'],
    ['{BLF-CRYPT}abgOeLfPimXQo', 'UNKNOWN'],
    ['{WHATEVER}x', 'UNKNOWN'],
    ['plain text', 'UNKNOWN'],
    ['', 'UNKNOWN'],
  ])('%s -> %s', (stored, scheme) => {
    expect(detectScheme(stored)).toBe(scheme);
  });
});

describe('verifyPassword', () => {
  const md5crypt = openssl('-1', '-salt', 'Xy12AbCd', 'sécret pass');
  const sha512 = openssl('-6', '-salt', 'saltsalt', 'sécret pass');
  const sha256 = openssl('-5', '-salt', 'saltsalt', 'sécret pass');

  it.each([
    ['bare md5crypt (PostfixAdmin 3.3 default)', md5crypt],
    ['{MD5-CRYPT}', `{MD5-CRYPT}${md5crypt}`],
    ['{CRYPT} md5crypt', `{CRYPT}${md5crypt}`],
    ['{SHA512-CRYPT}', `{SHA512-CRYPT}${sha512}`],
    ['bare $5$', sha256],
    ['{PLAIN}', '{PLAIN}sécret pass'],
    ['md5 hex (web-cyradm)', createHash('md5').update('sécret pass').digest('hex')],
    ['{PLAIN-MD5} upper-case hex', `{PLAIN-MD5}${createHash('md5').update('sécret pass').digest('hex').toUpperCase()}`],
    ['{LDAP-MD5} base64', `{LDAP-MD5}${createHash('md5').update('sécret pass').digest('base64')}`],
    ['DES crypt (web-cyradm, pam_mysql)', 'Xy4UsfbZTs/CU'],
    ['{CRYPT} DES crypt', '{CRYPT}Xy4UsfbZTs/CU'],
  ])('accepts the right password and refuses a wrong one: %s', async (_name, stored) => {
    expect(await verifyPassword('sécret pass', stored)).toBe(true);
    expect(await verifyPassword('secret pass', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('reads PHP/Dovecot $2y$ bcrypt', async () => {
    const hash = await hashPassword('pw-123456');
    const php = hash.replace('{BLF-CRYPT}$2b$', '{BLF-CRYPT}$2y$');
    expect(await verifyPassword('pw-123456', php)).toBe(true);
    expect(await verifyPassword('pw-1234567', php)).toBe(false);
  });

  it('DES crypt reads only the first 8 bytes, like crypt(3)', async () => {
    const stored = '{CRYPT}zzRtj6pNdfpLE'; // crypt('12345678abc', 'zz') from glibc
    expect(await verifyPassword('12345678abc', stored)).toBe(true);
    expect(await verifyPassword('12345678', stored)).toBe(true);
    expect(await verifyPassword('12345678anything', stored)).toBe(true);
    expect(await verifyPassword('1234567', stored)).toBe(false);
    expect(await verifyPassword('12345679', stored)).toBe(false);
  });

  it('md5crypt with PostfixAdmin\'s 12-character salt (crypt(3) keeps 8)', async () => {
    const stored = openssl('-1', '-salt', 'Xy12AbCd', 'pw');
    expect(await verifyPassword('pw', stored.replace('$Xy12AbCd$', '$Xy12AbCdEfGh$'))).toBe(true);
  });

  it('$2x$ bcrypt (crypt_blowfish\'s buggy variant) matches only ASCII passwords', async () => {
    const ascii = (await hashPassword('plain-ascii')).replace('{BLF-CRYPT}$2b$', '$2x$');
    expect(await verifyPassword('plain-ascii', ascii)).toBe(true);
    const eight = (await hashPassword('sécret')).replace('{BLF-CRYPT}$2b$', '$2x$');
    expect(await verifyPassword('sécret', eight)).toBe(false);
  });

  it('refuses malformed hashes instead of throwing', async () => {
    for (const stored of ['$6$', '{SHA512-CRYPT}$6$x', '$1$abc', '{MD5-CRYPT}$1$salt$short', '$2b$10$tooshort', '{LDAP-MD5}abc']) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });

  it('never matches an unknown scheme', async () => {
    expect(await verifyPassword('x', '{SSHA}x')).toBe(false);
    expect(await verifyPassword('', '')).toBe(false);
  });

  it('the timing dummy hash is a real bcrypt hash that matches nothing typed', async () => {
    expect(detectScheme(TIMING_DUMMY_HASH)).toBe('BLF-CRYPT');
    expect(await verifyPassword('', TIMING_DUMMY_HASH)).toBe(false);
  });
});

describe('hashPassword / needsRehash', () => {
  it.each([
    ['BLF-CRYPT', /^\{BLF-CRYPT\}\$2b\$10\$[./A-Za-z0-9]{53}$/],
    ['SHA512-CRYPT', /^\{SHA512-CRYPT\}\$6\$[./A-Za-z0-9]{16}\$[./A-Za-z0-9]{86}$/],
    ['SHA256-CRYPT', /^\{SHA256-CRYPT\}\$5\$[./A-Za-z0-9]{16}\$[./A-Za-z0-9]{43}$/],
    ['MD5-CRYPT', /^\{MD5-CRYPT\}\$1\$[./A-Za-z0-9]{8}\$[./A-Za-z0-9]{22}$/],
  ] as const)('writes %s that verifies, with a fresh salt each time', async (scheme, shape) => {
    const h = await hashPassword('correct horse', scheme);
    expect(h).toMatch(shape);
    expect(detectScheme(h)).toBe(scheme);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(await verifyPassword('correct horsE', h)).toBe(false);
    expect(await hashPassword('correct horse', scheme)).not.toBe(h);
    expect(needsRehash(h, scheme)).toBe(false);
    expect(needsRehash(h, scheme === 'BLF-CRYPT' ? 'SHA512-CRYPT' : 'BLF-CRYPT')).toBe(true);
  });

  it('writes BLF-CRYPT by default, and lists only the schemes it can write', async () => {
    expect(DEFAULT_SCHEME).toBe('BLF-CRYPT');
    expect(await hashPassword('x')).toMatch(/^\{BLF-CRYPT\}/);
    expect(needsRehash(await hashPassword('x'))).toBe(false);
    expect([...WRITABLE_SCHEMES]).toEqual(['BLF-CRYPT', 'SHA512-CRYPT', 'SHA256-CRYPT', 'MD5-CRYPT']);
    expect(WRITABLE_SCHEMES.every(isWritableScheme)).toBe(true);
    expect(['PLAIN', 'DES-CRYPT', 'PLAIN-MD5', 'blf-crypt', ''].some(isWritableScheme)).toBe(false);
  });

  it('refuses to write a scheme it cannot (a setting from the database is only a string)', async () => {
    await expect(hashPassword('x', 'PLAIN' as WritableScheme)).rejects.toThrow(/Unsupported password scheme/);
  });

  it.each(['$1$abc$def', '{PLAIN}x', '{SHA512-CRYPT}$6$a$b', '$2y$10$x'])('%s needs a rehash', (stored) => {
    expect(needsRehash(stored)).toBe(true);
  });
});
