import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { createMailbox, updateMailbox } from '@/lib/mailboxes/service';
import { domainAdmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { editMailboxForm, insertDomain, newMailboxForm } from './helpers/mailboxes';

const dbUrl = useMigratedDatabase();
const MB = 1_024_000n; // PostfixAdmin's "MB", the unit of domain.maxquota and domain.quota
const MIB = 1_048_576n;

const create = (domain: string, localPart: string, quotaMib = '0') =>
  createMailbox(domainAdmin(domain), newMailboxForm({ domain, localPart, quota: quotaMib }));

describe('[mailbox] domain limits', () => {
  it('the mailbox count limit holds; -1 allows none', async () => {
    await insertDomain(dbUrl(), 'two.example', { mailboxes: 2 });
    expect(await create('two.example', 'a')).toMatchObject({ ok: true });
    expect(await create('two.example', 'b')).toMatchObject({ ok: true });
    expect(await create('two.example', 'c')).toEqual({ message: 'mailbox.errors.limitReached' });
    await insertDomain(dbUrl(), 'none.example', { mailboxes: -1 });
    expect(await create('none.example', 'a')).toEqual({ message: 'mailbox.errors.mailboxesDisabled' });
    expect(await getDb().mailbox.count({ where: { domain: { in: ['two.example', 'none.example'] } } })).toBe(2);
    expect(await getDb().alias.count({ where: { domain: { in: ['two.example', 'none.example'] } } })).toBe(2);
  });

  it.each([
    ['above the largest mailbox', 'max.example', { maxquota: 100 }, '98', 'mailbox.errors.quota_exceeds_max_quota'],
    ['unlimited where a largest mailbox is set', 'max-unlimited.example', { maxquota: 100 }, '0', 'mailbox.errors.quota_unlimited_not_allowed'],
    ['unlimited where the domain total is limited', 'total-unlimited.example', { quota: 1000 }, '0', 'mailbox.errors.quota_unlimited_not_allowed'],
    ['above the domain total', 'total.example', { quota: 50 }, '49', 'mailbox.errors.quota_exceeds_domain_quota'],
    ['any quota where quotas are disabled', 'disabled.example', { maxquota: -1 }, '1', 'mailbox.errors.quota_quota_disabled'],
  ])('a quota %s is refused on the quota field', async (_label, domain, limits, quotaMib, message) => {
    await insertDomain(dbUrl(), domain, limits);
    expect(await create(domain, 'x', quotaMib)).toEqual({ fieldErrors: { quota: [message] } });
    expect(await getDb().mailbox.count({ where: { domain } })).toBe(0);
  });

  it('quotas at the limits fit exactly (PostfixAdmin MB, not MiB)', async () => {
    await insertDomain(dbUrl(), 'exact.example', { maxquota: 100, quota: 200 });
    // 100 MB = 102,400,000 bytes = 97.65625 MiB
    expect(await create('exact.example', 'a', '97.65625')).toMatchObject({ ok: true });
    expect(await create('exact.example', 'b', '97.65625')).toMatchObject({ ok: true });
    expect(await getDb().mailbox.findMany({ where: { domain: 'exact.example' }, select: { quota: true } })).toEqual([{ quota: 100n * MB }, { quota: 100n * MB }]);
    expect(await create('exact.example', 'c', '0.000001')).toEqual({ fieldErrors: { quota: ['mailbox.errors.quota_exceeds_domain_quota'] } });
  });

  it('raising a quota is checked against the other mailboxes only; lowered limits do not block a rename', async () => {
    await insertDomain(dbUrl(), 'grow.example', { quota: 30 });
    expect(await create('grow.example', 'a', '10')).toMatchObject({ ok: true });
    expect(await create('grow.example', 'b', '10')).toMatchObject({ ok: true });
    const admin = domainAdmin('grow.example');
    // 30 MB = 29.296875 MiB; b may grow to what a leaves
    expect(await updateMailbox(admin, editMailboxForm({ address: 'b@grow.example', quota: '19.296875' }))).toMatchObject({ ok: true });
    expect(await updateMailbox(admin, editMailboxForm({ address: 'b@grow.example', quota: '19.3' }))).toEqual({ fieldErrors: { quota: ['mailbox.errors.quota_exceeds_domain_quota'] } });
    await getDb().domain.update({ where: { domain: 'grow.example' }, data: { quota: 5n } });
    expect(await updateMailbox(admin, editMailboxForm({ address: 'a@grow.example', name: 'Still fine', quota: '10' }))).toEqual({ ok: true, message: 'mailbox.saved' });
    expect(await getDb().mailbox.findUnique({ where: { username: 'a@grow.example' }, select: { quota: true } })).toEqual({ quota: 10n * MIB });
  });
});

describe('[mailbox] limits hold under concurrent requests', () => {
  it('20 parallel creations against a limit of 10 leave exactly 10', async () => {
    await insertDomain(dbUrl(), 'rush.example', { mailboxes: 10 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => create('rush.example', `user${i}`)));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 10 }, () => ({ message: 'mailbox.errors.limitReached' })));
    expect(await getDb().mailbox.count({ where: { domain: 'rush.example' } })).toBe(10);
    expect(await getDb().alias.count({ where: { domain: 'rush.example' } })).toBe(10);
    expect(await getDb().log.count({ where: { domain: 'rush.example', action: 'create_mailbox' } })).toBe(10);
  });

  it('a creation waits for the domain row lock and counts what the holder committed', async () => {
    await insertDomain(dbUrl(), 'held.example', { mailboxes: 1 });
    await withSql(dbUrl(), async (conn) => {
      await conn.beginTransaction();
      await conn.query("SELECT domain FROM domain WHERE domain = 'held.example' FOR UPDATE");
      const pending = create('held.example', 'late');
      // the creation must be queued behind our lock (polled, not slept; InnoDB refreshes this table
      // only when it was not read for 100 ms)
      await expect.poll(async () => (await conn.query("SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'"))[0].n, { timeout: 10_000, interval: 250 }).toBe(1n);
      await conn.query("INSERT INTO mailbox (username, password, name, maildir, local_part, domain) VALUES ('first@held.example', 'x', '', 'held.example/first/', 'first', 'held.example')");
      await conn.commit();
      expect(await pending).toEqual({ message: 'mailbox.errors.limitReached' });
    });
    expect(await getDb().mailbox.findMany({ where: { domain: 'held.example' }, select: { username: true } })).toEqual([{ username: 'first@held.example' }]);
  });

  it('parallel creations cannot together exceed the domain quota', async () => {
    // 100 MB domain; each mailbox 30 MB: three fit, the fourth would not
    await insertDomain(dbUrl(), 'crowd.example', { quota: 100 });
    const thirtyMb = String(Number(30n * MB) / Number(MIB)); // 29.296875
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => create('crowd.example', `user${i}`, thirtyMb)));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const total = await getDb().mailbox.aggregate({ where: { domain: 'crowd.example' }, _sum: { quota: true }, _count: { _all: true } });
    expect(total).toEqual({ _sum: { quota: 90n * MB }, _count: { _all: 3 } });
  });

  it('parallel creations of the same address make one mailbox and one field error each for the rest', async () => {
    await insertDomain(dbUrl(), 'same.example');
    const results = await Promise.all(Array.from({ length: 5 }, () => create('same.example', 'dup')));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 4 }, () => ({ fieldErrors: { localPart: ['mailbox.errors.exists'] } })));
    expect(await getDb().mailbox.count({ where: { domain: 'same.example' } })).toBe(1);
  });
});
