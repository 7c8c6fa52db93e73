import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { getDomainUsedBytes } from '@/lib/domains/storage-usage';
import { detectScheme, hashPassword } from '@/lib/passwords/hash';
import { countPasswordSchemes } from '@/lib/passwords/scheme-counts';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { insertDomain } from './helpers/mailboxes';
import { sql } from './helpers/mail-fixtures';

// The password schemes page counts in SQL (groups by prefix and hash shape); it must agree with
// detectScheme row by row, whatever mix a PostfixAdmin or web-cyradm database holds.

const dbUrl = useMigratedDatabase();

// [stored password, how many mailboxes hold it]
const MIX: [string, number][] = [
  ['{BLF-CRYPT}$2b$10$abcdefghijklmnopqrstuu7K8BSKQq0Tgl6Qpmz4o4nVoE0Cq2lJzS', 5],
  ['{blf-crypt}$2y$12$abcdefghijklmnopqrstuu7K8BSKQq0Tgl6Qpmz4o4nVoE0Cq2lJzS', 1],
  ['{BLF-CRYPT}$2A$10$abcdefghijklmnopqrstuu', 1], // upper-case variant: not bcrypt
  ['{BLF-CRYPT}$6$salt$hash', 1], // prefix and hash disagree
  ['$2y$10$abcdefghijklmnopqrstuu7K8BSKQq0Tgl6Qpmz4o4nVoE0Cq2lJzS', 2],
  ['{SHA512-CRYPT}$6$rounds=5000$salt$hash', 3],
  ['{CRYPT}$6$salt$hash', 1],
  ['$6$salt$hash', 1],
  ['{SHA256-CRYPT}$5$salt$hash', 2],
  ['$1$salt$hash', 7], // PostfixAdmin 3.3's default md5crypt
  ['{MD5-CRYPT}$1$salt$hash', 1],
  ['{MD5}$1$salt$hash', 1],
  ['{MD5}5f4dcc3b5aa765d61d8327deb882cf99', 1],
  ['5F4DCC3B5AA765D61D8327DEB882CF99', 2], // web-cyradm MD5 hex
  ['5f4dcc3b5aa765d61d8327deb882cf9', 1], // 31 digits
  ['abJnggxhB/yWI', 4], // web-cyradm DES
  ['{CRYPT}abJnggxhB/yWI', 1],
  ['abJnggxhB/yWI\n', 1], // a trailing newline: not DES
  ['{PLAIN}secret', 2],
  ['{CLEARTEXT}secret', 1],
  ['{SSHA}abc', 1],
  ['{}nothing', 1],
  ['', 1],
];

const expectedCounts = (rows: { password: string }[]) => {
  const counts = new Map<string, number>();
  for (const { password } of rows) counts.set(detectScheme(password), (counts.get(detectScheme(password)) ?? 0) + 1);
  return counts;
};

beforeAll(async () => {
  await insertDomain(dbUrl(), 'mix.test');
  let n = 0;
  for (const [password, times] of MIX) {
    for (let i = 0; i < times; i++, n++) {
      await sql(dbUrl(), "INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, active) VALUES (?, ?, '', ?, 0, ?, 'mix.test', 1)", [`u${n}@mix.test`, password, `mix.test/u${n}/`, `u${n}`]);
    }
  }
  for (const [i, scheme] of (['BLF-CRYPT', 'SHA512-CRYPT', 'MD5-CRYPT', 'MD5-CRYPT'] as const).entries()) {
    await getDb().admin.create({ data: { username: `admin${i}@mix.test`, password: await hashPassword('admin password', scheme) } });
  }
  await getDb().admin.create({ data: { username: 'legacy@mix.test', password: '$1$salt$hash' } });
});

describe('[passwords] scheme counts', () => {
  it('the SQL counts agree with detectScheme on every row, for mailboxes and admins', async () => {
    const counts = await countPasswordSchemes(superadmin);
    const mailboxes = expectedCounts(await getDb().mailbox.findMany({ select: { password: true } }));
    const admins = expectedCounts(await getDb().admin.findMany({ select: { password: true } }));
    expect(counts?.map((c) => [c.scheme, c.mailboxes, c.admins])).toEqual(
      ['BLF-CRYPT', 'SHA512-CRYPT', 'SHA256-CRYPT', 'MD5-CRYPT', 'DES-CRYPT', 'PLAIN-MD5', 'PLAIN', 'UNKNOWN'].map((s) => [s, mailboxes.get(s) ?? 0, admins.get(s) ?? 0]),
    );
    // and the numbers themselves, so a wrong detectScheme could not hide a wrong query
    expect(Object.fromEntries(counts!.map((c) => [c.scheme, c.mailboxes]))).toEqual({
      'BLF-CRYPT': 8, 'SHA512-CRYPT': 5, 'SHA256-CRYPT': 2, 'MD5-CRYPT': 9, 'DES-CRYPT': 5, 'PLAIN-MD5': 3, PLAIN: 3, UNKNOWN: 7,
    });
    expect(Object.fromEntries(counts!.map((c) => [c.scheme, c.admins]))).toMatchObject({ 'BLF-CRYPT': 1, 'SHA512-CRYPT': 1, 'MD5-CRYPT': 3 });
  });

  it('only a superadmin gets them', async () => {
    expect(await countPasswordSchemes(domainAdmin('mix.test'))).toBeNull();
  });
});

describe('[storage] domain usage from quota2', () => {
  it("sums the quota2 bytes of the domain's mailboxes only", async () => {
    await insertDomain(dbUrl(), 'other.test');
    await sql(dbUrl(), "INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, active) VALUES ('x@other.test', '', '', 'other.test/x/', 0, 'x', 'other.test', 1)");
    await sql(dbUrl(), "INSERT INTO quota2 (username, bytes, messages) VALUES ('u0@mix.test', 1000, 1), ('u1@mix.test', 2500, 2), ('x@other.test', 99999, 9), ('gone@mix.test', 5000, 1)");
    expect(await getDomainUsedBytes(superadmin, 'mix.test')).toBe(3500n); // a quota2 row without its mailbox does not count
    expect(await getDomainUsedBytes(domainAdmin('mix.test'), 'MIX.test')).toBe(3500n);
    expect(await getDomainUsedBytes(superadmin, 'empty.test')).toBe(0n);
    expect(await getDomainUsedBytes(domainAdmin('other.test'), 'mix.test')).toBeNull();
  });
});
