import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { mailboxCountSql, mailboxFromSql, mailboxRowsSql } from '@/lib/mailboxes/list';
import { getMailboxDeletionSummary, listMailboxes } from '@/lib/mailboxes/queries';
import { createMailbox, deleteMailbox } from '@/lib/mailboxes/service';
import { COUNT_CAP, type Cursor, type KeysetOptions } from '@/lib/pagination/keyset';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { explain, indexReads, walkBackward, walkForward } from './helpers/keyset';
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

const localParts = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `user${String(from + i).padStart(6, '0')}`);
const reader = (domain: string, q = '', options?: KeysetOptions) => async (cursor: Cursor) => {
  const page = await listMailboxes(superadmin, domain, { q, cursor }, options);
  return page && { ...page, rows: page.rows.map((r) => r.localPart) };
};

describe('[mailbox] list', () => {
  it('lists one domain only, by address, with quota usage from quota2 for the page rows', async () => {
    const list = await listMailboxes(admin, 'LIST.example', {});
    expect(list).toMatchObject({ total: { count: 6, isMore: false }, previous: null, next: null });
    // in the column's order (latin1_general_ci puts _ after the letters)
    expect(list?.rows.map((r) => r.username)).toEqual(['alain@list.example', 'alice@list.example', 'axb@list.example', 'a_b@list.example', 'bob@list.example', 'carol@list.example']);
    expect(list?.rows[1]).toMatchObject({ localPart: 'alice', name: 'Name of alice', quota: 104_857_600n, usedBytes: 52_428_800n, active: true });
    expect(list?.rows[1]?.modified).toBeInstanceOf(Date);
    expect(list?.rows[0]?.usedBytes).toBeNull();
    expect(list?.rows[4]).toMatchObject({ localPart: 'bob', quota: 0n });
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
    expect(await search('😀')).toEqual([]);
    expect(await listMailboxes(admin, 'list.example', { q: 'zzz' })).toEqual({ rows: [], total: { count: 0, isMore: false }, previous: null, next: null });
    expect((await listMailboxes(admin, 'list.example', { q: 'al', cursor: { kind: 'after', key: 'alain@list.example' } }))?.rows.map((r) => r.localPart)).toEqual(['alice']);
  });

  it('pages by key: Next from First and Previous from Last; boundaries at 25 and 26', async () => {
    for (const [domain, n] of [['paged.example', 60], ['exact25.example', 25], ['exact26.example', 26], ['empty.example', 0]] as const) {
      await insertDomain(dbUrl(), domain);
      if (n > 0) await bulkInsert(domain, n);
      const forward = await walkForward(reader(domain));
      expect(forward.keys, domain).toEqual(localParts(n));
      expect(forward.pages.map((p) => p.rows.length), domain).toEqual(n === 0 ? [0] : [...Array(Math.floor(n / 25)).fill(25), ...(n % 25 ? [n % 25] : [])]);
      const backward = await walkBackward(reader(domain));
      expect(backward[0]?.rows, domain).toEqual(localParts(n).slice(-25));
      expect(backward.at(-1)?.rows, domain).toEqual(localParts(n).slice(0, 25));
      for (const p of [...forward.pages, ...backward]) expect(p.total).toEqual({ count: n, isMore: false });
    }
    const read = reader('exact26.example');
    expect(await read({ kind: 'first' })).toMatchObject({ previous: null, next: 'user000025@exact26.example' });
    expect(await read({ kind: 'after', key: 'user000025@exact26.example' })).toMatchObject({ rows: ['user000026'], previous: 'user000026@exact26.example', next: null });
    expect(await read({ kind: 'last' })).toMatchObject({ rows: localParts(25, 2), previous: 'user000002@exact26.example', next: null });
    expect(await read({ kind: 'before', key: 'user000002@exact26.example' })).toMatchObject({ rows: localParts(25), previous: null, next: 'user000025@exact26.example' });
    expect(await reader('exact25.example')({ kind: 'last' })).toMatchObject({ rows: localParts(25), previous: null, next: null });
  });

  it.each([["' OR '1'='1"], ['%'], ['_'], ['\\'], ['x'.repeat(300)], ['é'], ['😀'], ['USER000030@PAGED.EXAMPLE'], ['user000030x']])('a made-up cursor %j gives a page of consecutive mailboxes', async (key) => {
    const all = localParts(60);
    for (const kind of ['after', 'before'] as const) {
      const page = await reader('paged.example')({ kind, key });
      const start = all.indexOf(page?.rows[0] ?? '');
      expect(page?.rows.length, kind).toBeGreaterThan(0);
      expect(page?.rows, kind).toEqual(all.slice(start, start + (page?.rows.length ?? 0)));
    }
    expect(await getDb().mailbox.count({ where: { domain: 'paged.example' } })).toBe(60);
  });

  it('a search is paged by the same cursors', async () => {
    const forward = await walkForward(reader('paged.example', 'user00002', { pageSize: 3 }));
    expect(forward.keys).toEqual(localParts(10, 20));
    expect(forward.pages).toHaveLength(4);
    expect((await walkBackward(reader('paged.example', 'user00002', { pageSize: 3 }))).at(-1)?.rows).toEqual(localParts(3, 20));
  });

  it('the total is exact up to the cap, "more than" beyond it', async () => {
    expect((await listMailboxes(superadmin, 'paged.example', {}, { countCap: 60 }))?.total).toEqual({ count: 60, isMore: false });
    expect((await listMailboxes(superadmin, 'paged.example', {}, { countCap: 59 }))?.total).toEqual({ count: 59, isMore: true });
    expect((await listMailboxes(superadmin, 'paged.example', { q: 'user00002' }, { countCap: 10 }))?.total).toEqual({ count: 10, isMore: false });
    expect((await listMailboxes(superadmin, 'paged.example', { q: 'user00002' }, { countCap: 9 }))?.total).toEqual({ count: 9, isMore: true });
  });

  it('a domain admin lists their own domain only, whatever the cursor', async () => {
    expect(await listMailboxes(domainAdmin('paged.example'), 'PAGED.example', { cursor: { kind: 'last' } })).not.toBeNull();
    for (const cursor of [{ kind: 'first' }, { kind: 'last' }, { kind: 'before', key: 'z' }] as const) {
      expect(await listMailboxes(admin, 'paged.example', { cursor })).toBeNull();
      expect(await listMailboxes(domainAdmin('paged.example'), 'list.example', { cursor, q: 'a' })).toBeNull();
    }
  });
});

describe('[mailbox] list queries on a domain of 100,000 mailboxes', () => {
  beforeAll(async () => {
    await insertDomain(dbUrl(), 'big.example');
    await bulkInsert('big.example', 100_000);
    await withSql(dbUrl(), (c) => c.query('ANALYZE TABLE mailbox'));
  });

  // The plans listMailboxes relies on: a seek into the (domain) index, which InnoDB extends with the primary key, no full scan, no filesort.
  it.each([
    ['first page', mailboxRowsSql('big.example', null, 'asc', null, 26), 'ref'],
    ['next page', mailboxRowsSql('big.example', null, 'asc', 'user050000@big.example', 26), 'range'],
    ['previous page', mailboxRowsSql('big.example', null, 'desc', 'user050000@big.example', 26), 'range'],
    ['last page', mailboxRowsSql('big.example', null, 'desc', null, 26), 'ref'],
    ['search', mailboxRowsSql('big.example', 'user0999%', 'asc', null, 26), 'range'],
    ['search, next page', mailboxRowsSql('big.example', 'user0999%', 'asc', 'user099950@big.example', 26), 'range'],
    ['count', mailboxCountSql('big.example', null, COUNT_CAP + 1), 'ref'],
    ['search count', mailboxCountSql('big.example', 'user0999%', COUNT_CAP + 1), 'range'],
  ])('%s reads the (domain, username) index without sorting', async (_label, query, type) => {
    const plan = await explain(dbUrl(), query);
    const mailboxes = plan.find((r) => r.table === 'm');
    expect(mailboxes).toMatchObject({ type, key: 'domain' });
    if (type === 'range') expect(mailboxes?.key_len).toBe('514');
    expect(String(mailboxes?.Extra)).not.toMatch(/filesort|temporary/);
    expect(plan.find((r) => r.table === 'q') ?? { type: 'eq_ref', key: 'PRIMARY' }).toMatchObject({ type: 'eq_ref', key: 'PRIMARY' });
  });

  it.each([
    ['Next from a deep cursor', mailboxRowsSql('big.example', null, 'asc', 'user050000@big.example', 26), 60],
    ['Last', mailboxRowsSql('big.example', null, 'desc', null, 26), 60],
    ['Previous from the last page', mailboxRowsSql('big.example', null, 'desc', 'user099976@big.example', 26), 60],
    ['whether a page follows', mailboxFromSql('big.example', null, 'asc', 'user050000@big.example'), 5],
    ['the capped count', mailboxCountSql('big.example', null, COUNT_CAP + 1), COUNT_CAP + 10],
  ])('%s reads few index entries', async (_label, query, most) => {
    expect(await indexReads(dbUrl(), query)).toBeLessThanOrEqual(most);
  });

  it('returns the last page, a deep page and a search with the right rows', async () => {
    const last = await listMailboxes(domainAdmin('big.example'), 'big.example', { cursor: { kind: 'last' } });
    expect(last).toMatchObject({ total: { count: 10_000, isMore: true }, previous: 'user099976@big.example', next: null });
    expect(last?.rows.map((r) => r.localPart)).toEqual(localParts(25, 99_976));
    expect((await reader('big.example')({ kind: 'after', key: 'user050000@big.example' }))?.rows).toEqual(localParts(25, 50_001));
    expect((await reader('big.example')({ kind: 'before', key: 'user050000@big.example' }))?.rows).toEqual(localParts(25, 49_975));
    const found = await listMailboxes(superadmin, 'big.example', { q: 'user0999' });
    expect(found).toMatchObject({ total: { count: 100, isMore: false }, next: 'user099924@big.example' });
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
