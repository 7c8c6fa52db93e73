import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { detectScheme, hashPassword, verifyPassword, WRITABLE_SCHEMES } from './hash';

// Dovecot is the judge: every hash it writes, Mailroom verifies; every hash Mailroom writes, Dovecot verifies.
// Needs `doveadm` (Debian's dovecot-core; scripts/test.sh installs it).

const run = promisify(execFile);

async function doveadmHash(scheme: string, plain: string, rounds?: number): Promise<string> {
  const args = ['pw', '-s', scheme, '-p', plain, ...(rounds ? ['-r', String(rounds)] : [])];
  return (await run('doveadm', args, { encoding: 'utf8' })).stdout.trim();
}

/** `doveadm pw -t`: exit 0 when Dovecot accepts the password for the hash. */
async function doveadmAccepts(stored: string, plain: string): Promise<boolean> {
  try {
    await run('doveadm', ['pw', '-t', stored, '-p', plain]);
    return true;
  } catch {
    return false;
  }
}

const PASSWORDS = ['sécret pass', `q"u'o\\te #1 $x`, 'Tr0ub4dor&3-long-enough-for-anything'];

// [Dovecot scheme to generate with, extra rounds, expected detection, also try the bare hash with {CRYPT}?]
const GENERATED: [string, number | undefined, string, boolean][] = [
  ['BLF-CRYPT', undefined, 'BLF-CRYPT', true],
  ['BLF-CRYPT', 4, 'BLF-CRYPT', true],
  ['SHA512-CRYPT', undefined, 'SHA512-CRYPT', true],
  ['SHA512-CRYPT', 10000, 'SHA512-CRYPT', true],
  ['SHA256-CRYPT', undefined, 'SHA256-CRYPT', true],
  ['MD5-CRYPT', undefined, 'MD5-CRYPT', true],
  ['MD5', undefined, 'MD5-CRYPT', true],
  ['CRYPT', undefined, 'BLF-CRYPT', true],
  ['DES-CRYPT', undefined, 'DES-CRYPT', true],
  ['PLAIN', undefined, 'PLAIN', false],
  ['CLEAR', undefined, 'PLAIN', false],
  ['CLEARTEXT', undefined, 'PLAIN', false],
  ['PLAIN-MD5', undefined, 'PLAIN-MD5', false],
  ['LDAP-MD5', undefined, 'PLAIN-MD5', false],
];

describe('[passwords] Mailroom verifies what `doveadm pw` writes', () => {
  it.each(GENERATED)('%s (rounds %s) -> %s', async (scheme, rounds, detected, hasCryptForms) => {
    for (const plain of PASSWORDS) {
      // DES crypt keeps 8 bytes: compare against a password that differs early, and one that differs at byte 8
      const wrong = scheme === 'DES-CRYPT' ? `X${plain.slice(1)}` : `${plain}x`;
      const stored = await doveadmHash(scheme, plain, rounds);
      const bare = stored.replace(/^\{[A-Z0-9-]+\}/, '');
      const forms = hasCryptForms ? [stored, bare, `{CRYPT}${bare}`] : [stored];
      for (const form of forms) {
        expect(detectScheme(form), form).toBe(detected);
        expect(await verifyPassword(plain, form), form).toBe(true);
        expect(await verifyPassword(wrong, form), form).toBe(false);
        expect(await verifyPassword(plain.slice(0, -1), form), form).toBe(scheme === 'DES-CRYPT' && plain.length > 9);
      }
    }
  });

  it('a DES hash from Dovecot matches any password with the same first 8 bytes, as Dovecot does', async () => {
    const stored = await doveadmHash('DES-CRYPT', 'abcdefgh-rest');
    expect(await verifyPassword('abcdefgh', stored)).toBe(true);
    expect(await doveadmAccepts(stored, 'abcdefgh')).toBe(true);
    expect(await verifyPassword('abcdefgX-rest', stored)).toBe(false);
    expect(await doveadmAccepts(stored, 'abcdefgX-rest')).toBe(false);
  });
});

describe('[passwords] Dovecot verifies what Mailroom writes', () => {
  it.each(WRITABLE_SCHEMES)('%s', async (scheme) => {
    for (const plain of PASSWORDS) {
      const stored = await hashPassword(plain, scheme);
      expect(await doveadmAccepts(stored, plain), stored).toBe(true);
      expect(await doveadmAccepts(stored, `${plain}x`), stored).toBe(false);
      // the same hash without its prefix, as Dovecot reads it with default_pass_scheme = CRYPT
      expect(await doveadmAccepts(`{CRYPT}${stored.replace(/^\{[A-Z0-9-]+\}/, '')}`, plain)).toBe(true);
    }
  });
});
