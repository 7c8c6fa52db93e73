import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { getMailboxDeletionSummary, listMailboxes, MAILBOX_PAGE_SIZE } from '@/lib/mailboxes/queries';
import { createMailbox, deleteMailbox } from '@/lib/mailboxes/service';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { insertDomain, newMailboxForm, mailQuery, QUERIES } from './helpers/mailboxes';

const dbUrl = useMigratedDatabase();
const admin = domainAdmin('list.example');

// Mailboxes inserted in bulk (as an import would), named user000001@... in order.
async function bulkInsert(domain: string, count: number) {
  await withSql(dbUrl(), (c) =>
    c.query(
      `INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, created, modified, active)
       SELECT CONCAT('user', LPAD(seq, 6, '0'), '@', ?), 'x', CONCAT('User ', seq), CONCAT(?, '/user', LPAD(seq, 6, '0'), '/'), 10240000,
              CONCAT('user', LPAD(seq, 6, '0')), ?, NOW(), NOW(), 1 FROM seq_1_to_${count}`,
      [domain, domain, domain],
    ),
  );
}

beforeAll(async () => {
  await insertDomain(dbUrl(), 'list.example');
  await insertDomain(dbUrl(), 'neighbour.example');
  for (const localPart of ['alice', 'alain', 'a_b', 'axb', 'bob', 'carol']) {
    await createMailbox(superadmin, newMailboxForm({ domain: 'list.example', localPart, name: `Name of ${localPart}`, quota: localPart === 'bob' ? '0' : '100' }));
  }
  await createMailbox(superadmin, newMailboxForm({ domain: 'neighbour.example', localPart: 'alice' }));
  await getDb().quota2.create({ data: { username: 'alice@list.example', bytes: 52_428_800n, messages: 12 } });
});

describe('[mailbox] list', () => {
  it('lists one domain only, by address, with quota usage from quota2 for the page rows', async () => {
    const list = await listMailboxes(admin, 'LIST.example', {});
    expect(list).toMatchObject({ total: 6, page: 1, pageCount: 1 });
    // in the column's order (latin1_general_ci puts _ after the letters)
    expect(list?.rows.map((r) => r.username)).toEqual(['alain@list.example', 'alice@list.example', 'axb@list.example', 'a_b@list.example', 'bob@list.example', 'carol@list.example']);
    expect(list?.rows[1]).toMatchObject({ localPart: 'alice', name: 'Name of alice', quota: 104_857_600n, usedBytes: 52_428_800n, active: true });
    expect(list?.rows[1]?.modified).toBeInstanceOf(Date);
    expect(list?.rows[0]?.usedBytes).toBeNull();
    expect(list?.rows[0]).not.toHaveProperty('password');
  });

  it('searches by address prefix, taking %, _ and ! literally', async () => {
    const search = async (q: string) => (await listMailboxes(admin, 'list.example', { q }))?.rows.map((r) => r.localPart);
    expect(await search('al')).toEqual(['alain', 'alice']);
    expect(await search('  ALI ')).toEqual(['alice']);
    expect(await search('alice@list')).toEqual(['alice']);
    expect(await search('a_')).toEqual(['a_b']);
    expect(await search('%')).toEqual([]);
    expect(await search('!')).toEqual([]);
    expect(await search("' OR 1=1 --")).toEqual([]);
    expect(await search('lice')).toEqual([]);
    expect((await listMailboxes(admin, 'list.example', { q: 'zzz' }))).toEqual({ rows: [], total: 0, page: 1, pageCount: 1 });
  });

  it('paginates; a page past the end shows the last page', async () => {
    await insertDomain(dbUrl(), 'paged.example');
    await bulkInsert('paged.example', 60);
    const paged = domainAdmin('paged.example');
    const page3 = await listMailboxes(paged, 'paged.example', { page: 3 });
    expect(page3).toMatchObject({ total: 60, page: 3, pageCount: 3 });
    expect(page3?.rows.map((r) => r.localPart)).toEqual(Array.from({ length: 10 }, (_, i) => `user0000${51 + i}`));
    expect((await listMailboxes(paged, 'paged.example', { page: 99 }))?.page).toBe(3);
    expect((await listMailboxes(paged, 'paged.example', { page: Number.NaN }))?.page).toBe(1);
    expect((await listMailboxes(paged, 'paged.example', { page: -4 }))?.rows[0]?.localPart).toBe('user000001');
    expect((await listMailboxes(paged, 'paged.example', { q: 'user00002' }))?.rows).toHaveLength(10);
  });
});

describe('[mailbox] list queries on a domain of 100,000 mailboxes', () => {
  beforeAll(async () => {
    await insertDomain(dbUrl(), 'big.example');
    await bulkInsert('big.example', 100_000);
    await withSql(dbUrl(), (c) => c.query('ANALYZE TABLE mailbox'));
  });

  // The plans listMailboxes relies on: the domain index alone (covering: InnoDB appends the primary key), no full scan, no filesort.
  it.each([
    ['count', "SELECT COUNT(*) FROM mailbox WHERE domain = 'big.example'"],
    ['page keys', "SELECT username FROM mailbox WHERE domain = 'big.example' ORDER BY username LIMIT 25 OFFSET 99975"],
    ['search count', "SELECT COUNT(*) FROM mailbox WHERE domain = 'big.example' AND username LIKE 'user0999%' ESCAPE '!'"],
    ['search keys', "SELECT username FROM mailbox WHERE domain = 'big.example' AND username LIKE 'user0999%' ESCAPE '!' ORDER BY username LIMIT 25 OFFSET 0"],
  ])('%s uses an index, without a table scan or filesort', async (_label, sql) => {
    const [plan] = await withSql(dbUrl(), (c) => c.query(`EXPLAIN ${sql}`));
    expect(['domain', 'PRIMARY']).toContain(plan.key);
    expect(plan.type).not.toBe('ALL');
    expect(String(plan.Extra)).not.toMatch(/filesort/);
    if (sql.includes('LIKE')) expect(Number(plan.rows)).toBeLessThan(1000);
  });

  it('returns the last page and a search with the right rows', async () => {
    const big = domainAdmin('big.example');
    const last = await listMailboxes(big, 'big.example', { page: 4000 });
    expect(last).toMatchObject({ total: 100_000, page: 4000, pageCount: 4000 });
    expect(last?.rows.map((r) => r.localPart)).toEqual(Array.from({ length: MAILBOX_PAGE_SIZE }, (_, i) => `user${String(99_976 + i).padStart(6, '0')}`));
    const found = await listMailboxes(big, 'big.example', { q: 'user0999' });
    expect(found).toMatchObject({ total: 100, pageCount: 4 });
    expect(found?.rows[0]).toMatchObject({ username: 'user099900@big.example', name: 'User 99900', quota: 10_240_000n });
  });
});

describe('[mailbox] delete', () => {
  it('the confirmation names what goes and the aliases elsewhere that are kept', async () => {
    const db = getDb();
    await db.alias.update({ where: { address: 'carol@list.example' }, data: { goto: 'carol@list.example,carol@elsewhere.example' } });
    await db.alias.create({ data: { address: 'team@neighbour.example', goto: 'bob@list.example,carol@list.example', domain: 'neighbour.example' } });
    await db.alias.create({ data: { address: 'sales@list.example', goto: 'carol@list.example', domain: 'list.example' } });
    await db.alias.create({ data: { address: 'near@list.example', goto: 'xcarol@list.example,carol@list.example.org', domain: 'list.example' } });
    await db.vacation.create({ data: { email: 'carol@list.example', subject: 'Away', body: 'Back soon', cache: '', domain: 'list.example' } });
    await db.vacationNotification.create({ data: { onVacation: 'carol@list.example', notified: 'someone@x.example' } });
    await db.quota2.create({ data: { username: 'carol@list.example', bytes: 1000n, messages: 3 } });
    await db.quota.create({ data: { username: 'carol@list.example', path: 'quota/storage', current: 1000n } });

    const summary = await getMailboxDeletionSummary(admin, 'carol@list.example');
    expect(summary).toMatchObject({
      mailbox: { username: 'carol@list.example' },
      selfAlias: true,
      forwardTargets: ['carol@elsewhere.example'],
      vacation: { active: true },
      quotaUsage: { bytes: 1000n, messages: 3 },
      pointingAliases: ['sales@list.example', 'team@neighbour.example'],
    });
    expect(await getMailboxDeletionSummary(domainAdmin('neighbour.example'), 'carol@list.example')).toBeNull();
  });

  it('removes the mailbox, its alias, vacation, quota rows; keeps the aliases pointing to it', async () => {
    const db = getDb();
    expect(await deleteMailbox(admin, 'Carol@List.example')).toEqual({ ok: true, message: 'mailbox.deleted' });
    expect(await db.mailbox.count({ where: { username: 'carol@list.example' } })).toBe(0);
    expect(await db.alias.count({ where: { address: 'carol@list.example' } })).toBe(0);
    expect(await db.vacation.count({ where: { email: 'carol@list.example' } })).toBe(0);
    expect(await db.vacationNotification.count({ where: { onVacation: 'carol@list.example' } })).toBe(0);
    expect(await db.quota2.count({ where: { username: 'carol@list.example' } })).toBe(0);
    expect(await db.quota.count({ where: { username: 'carol@list.example' } })).toBe(0);
    expect(await db.alias.findUnique({ where: { address: 'sales@list.example' }, select: { goto: true } })).toEqual({ goto: 'carol@list.example' });
    expect(await db.alias.findUnique({ where: { address: 'team@neighbour.example' }, select: { goto: true } })).toEqual({ goto: 'bob@list.example,carol@list.example' });
    expect(await mailQuery(dbUrl(), QUERIES.virtualMailboxMaps, 'carol@list.example')).toEqual([]);
    expect(await mailQuery(dbUrl(), QUERIES.passwordQuery, 'carol@list.example')).toEqual([]);
    const log = await db.log.findFirst({ where: { domain: 'list.example' }, orderBy: { id: 'desc' }, select: { action: true, data: true } });
    expect(log).toEqual({ action: 'delete_mailbox', data: 'carol@list.example' });
    expect(await deleteMailbox(admin, 'carol@list.example')).toEqual({ message: 'errors.notFound' });
  });
});
