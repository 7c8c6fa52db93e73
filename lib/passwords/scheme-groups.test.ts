import { describe, expect, it } from 'vitest';
import { detectScheme } from './hash';
import { ALL_SCHEMES, groupOf, schemeOfGroup, strengthOf } from './scheme-groups';

// Every kind of stored password: the group the SQL puts it in names the scheme detectScheme gives it.
const STORED = [
  '{BLF-CRYPT}$2b$10$abcdefghijklmnopqrstuu7K8BSKQq0Tgl6Qpmz4o4nVoE0Cq2lJzS',
  '{blf-crypt}$2y$12$abcdefghijklmnopqrstuu7K8BSKQq0Tgl6Qpmz4o4nVoE0Cq2lJzS',
  '{BLF-CRYPT}$6$salt$hash', // prefix and hash disagree: UNKNOWN
  '{BLF-CRYPT}$2A$10$abc', // upper-case variant letter: not bcrypt
  '$2y$10$abcdefghijklmnopqrstuu7K8BSKQq0Tgl6Qpmz4o4nVoE0Cq2lJzS',
  '{SHA512-CRYPT}$6$rounds=5000$salt$hash',
  '$6$salt$hash',
  '{CRYPT}$6$salt$hash',
  '{SHA256-CRYPT}$5$salt$hash',
  '{MD5-CRYPT}$1$salt$hash',
  '$1$salt$hash',
  '{MD5}$1$salt$hash',
  '{MD5}5f4dcc3b5aa765d61d8327deb882cf99',
  '{PLAIN-MD5}5f4dcc3b5aa765d61d8327deb882cf99',
  '{LDAP-MD5}X03MO1qnZdYdgyfeuILPmQ==',
  '5F4DCC3B5AA765D61D8327DEB882CF99',
  '5f4dcc3b5aa765d61d8327deb882cf9', // 31 hex digits
  'abJnggxhB/yWI', // DES
  '{CRYPT}abJnggxhB/yWI',
  '{DES-CRYPT}abJnggxhB/yWI',
  'abJnggxhB/yW', // 12 characters
  'abJnggxhB/yWI\n', // a trailing newline is not DES
  '{PLAIN}secret',
  '{CLEARTEXT}secret',
  '{CLEAR}',
  '{SSHA}abc',
  '{}nothing',
  '{BLF-CRYPT',
  '',
  'plain text password',
];

describe('[passwords] grouping stored hashes for the scheme counts', () => {
  it.each(STORED)('%j: its group names the scheme detectScheme gives it', (stored) => {
    const { prefix, shape } = groupOf(stored);
    expect(schemeOfGroup(prefix, shape)).toBe(detectScheme(stored));
  });

  it('covers every scheme', () => {
    expect(new Set(STORED.map(detectScheme))).toEqual(new Set(ALL_SCHEMES));
  });

  it.each([
    ['BLF-CRYPT', 'strong'],
    ['SHA512-CRYPT', 'strong'],
    ['SHA256-CRYPT', 'strong'],
    ['MD5-CRYPT', 'weak'],
    ['DES-CRYPT', 'weak'],
    ['PLAIN', 'weak'],
    ['PLAIN-MD5', 'weak'],
    ['UNKNOWN', 'unusable'],
  ] as const)('%s is %s', (scheme, strength) => {
    expect(strengthOf(scheme)).toBe(strength);
  });
});
