import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectScheme, hashPassword, needsRehash, TIMING_DUMMY_HASH, verifyPassword } from './hash';

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
    ['{WHATEVER}x', 'UNKNOWN'],
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
  it('writes {BLF-CRYPT} bcrypt that verifies', async () => {
    const h = await hashPassword('correct horse');
    expect(h).toMatch(/^\{BLF-CRYPT\}\$2b\$10\$/);
    expect(await verifyPassword('correct horse', h)).toBe(true);
    expect(needsRehash(h)).toBe(false);
  });
  it.each(['$1$abc$def', '{PLAIN}x', '{SHA512-CRYPT}$6$a$b', '$2y$10$x'])('%s needs a rehash', (stored) => {
    expect(needsRehash(stored)).toBe(true);
  });
});
