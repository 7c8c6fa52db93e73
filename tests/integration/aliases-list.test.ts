import { beforeAll, describe, expect, it } from 'vitest';
import { aliasAtSql, aliasCountSql, aliasKeysSql, aliasRowsSql } from '@/lib/aliases/list';
import { listAliases } from '@/lib/aliases/queries';
import { getDb } from '@/lib/db/client';
import { COUNT_CAP, PAGE_SIZE, type Cursor, type KeysetOptions } from '@/lib/pagination/keyset';
import { traceAddress } from '@/lib/tracer/trace-address';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { explain, indexReads, walkBackward, walkForward } from './helpers/keyset';

const dbUrl = useMigratedDatabase();
const BIG = 'big.example';
const KEYS = 'keys.example';

async function sql(query: string, params: unknown[] = []): Promise<void> {
  await withSql(dbUrl(), (c) => c.query(query, params));
}
/** A mailbox row and its self-alias row, as PostfixAdmin writes them. */
async function mailbox(address: string, goto = address): Promise<void> {
  const [local, domain] = address.split('@');
  await sql("INSERT INTO mailbox (username, password, name, maildir, local_part, domain) VALUES (?, 'x', '', '', ?, ?)", [address, local, domain]);
  await sql('INSERT INTO alias (address, goto, domain) VALUES (?, ?, ?)', [address, goto, domain]);
}
const alias = (address: string) => sql("INSERT INTO alias (address, goto, domain) VALUES (?, 'x@gmail.test', ?)", [address, address.slice(address.lastIndexOf('@') + 1)]);

beforeAll(async () => {
  await sql("INSERT INTO domain (domain, description, transport) SELECT CONCAT(n, '.example'), '', 'virtual' FROM (SELECT 'big' n UNION SELECT 'other' UNION SELECT 'keys' UNION SELECT 'exact25' UNION SELECT 'exact26' UNION SELECT 'empty' UNION SELECT 'onlyboxes' UNION SELECT 'cap') d");
  // 200,000 aliases in one domain, 2,000 of them mailboxes' own rows (every 100th), plus another busy domain
  await sql(`INSERT INTO alias (address, goto, domain) SELECT CONCAT('user', LPAD(seq, 6, '0'), '@big.example'), 'x@gmail.test', 'big.example' FROM seq_1_to_200000`);
  await sql("INSERT INTO mailbox (username, password, name, maildir, local_part, domain) SELECT CONCAT('user', LPAD(seq, 6, '0'), '@big.example'), 'x', '', '', '', 'big.example' FROM seq_1_to_200000 WHERE seq % 100 = 0");
  await sql("INSERT INTO alias (address, goto, domain) SELECT CONCAT('user', seq, '@other.example'), 'x@gmail.test', 'other.example' FROM seq_1_to_50000");
  // exactly 10,000 aliases, with 500 mailboxes' rows among them
  await sql("INSERT INTO alias (address, goto, domain) SELECT CONCAT('c', LPAD(seq, 5, '0'), '@cap.example'), 'x@gmail.test', 'cap.example' FROM seq_1_to_10500");
  await sql("INSERT INTO mailbox (username, password, name, maildir, local_part, domain) SELECT CONCAT('c', LPAD(seq, 5, '0'), '@cap.example'), 'x', '', '', '', 'cap.example' FROM seq_1_to_10500 WHERE seq % 21 = 0");
  await sql('ANALYZE TABLE alias, mailbox');

  // a small domain: every 5th address is a mailbox, plus addresses whose order only MariaDB's
  // collation knows (uppercase and accented legacy rows, `_`, `@`, a quote), a catch-all, a forward
  for (let i = 0; i < 70; i++) {
    const address = `k${String(i).padStart(2, '0')}@${KEYS}`;
    await (i % 5 === 0 ? mailbox(address, i === 35 ? `${address},away@gmail.test` : address) : alias(address));
  }
  for (const a of ['100%_off', '@', 'a_b', 'axb', 'Zed', 'café', "o'brien", 'K7']) await alias(a === '@' ? `@${KEYS}` : `${a}@${KEYS}`);
  await sql("INSERT INTO mailbox (username, password, name, maildir, local_part, domain) VALUES ('lonely@keys.example', 'x', '', '', 'lonely', 'keys.example')");
  for (let i = 0; i < 26; i++) {
    if (i < 25) await alias(`e${String(i).padStart(2, '0')}@exact25.example`);
    await alias(`e${String(i).padStart(2, '0')}@exact26.example`);
    if (i % 8 === 0) await mailbox(`e${String(i).padStart(2, '0')}x@exact25.example`);
    if (i % 8 === 0) await mailbox(`e${String(i).padStart(2, '0')}x@exact26.example`);
  }
  await mailbox('box1@onlyboxes.example');
  await mailbox('box2@onlyboxes.example');
}, 300_000);

/** The domain's alias rows in MariaDB's order, those that are not a mailbox's own row first. */
async function oracle(domain: string, prefix = ''): Promise<{ listed: string[]; all: string[] }> {
  const rows = await getDb().$queryRaw<{ address: string; is_mailbox: bigint | number }[]>`
    SELECT a.address, EXISTS (SELECT 1 FROM mailbox m WHERE m.username = a.address) AS is_mailbox
    FROM alias a WHERE a.domain = ${domain} AND a.address LIKE ${`${prefix}%`} ORDER BY a.address`;
  return { listed: rows.filter((r) => Number(r.is_mailbox) === 0).map((r) => r.address), all: rows.map((r) => r.address) };
}

const reader = (domain: string, q = '', options?: KeysetOptions, actor = superadmin) => async (cursor: Cursor) => {
  const page = await listAliases(actor, domain, { q, cursor }, options);
  return page && { ...page, rows: page.rows.map((r) => r.address) };
};

/** Whether `rows` are consecutive entries of `list`. */
function isRun(list: string[], rows: string[]): boolean {
  const start = list.indexOf(rows[0] ?? '');
  return rows.length === 0 || (start >= 0 && rows.every((r, i) => list[start + i] === r));
}

describe('[alias] keyset pages on a small domain with mailboxes among the aliases', () => {
  it('Next from First shows every alias once, in MariaDB’s address order, never a mailbox’s own row', async () => {
    const { listed } = await oracle(KEYS);
    expect(listed).toHaveLength(56 + 8);
    expect(listed).toContain('Zed@keys.example');
    expect(listed).not.toContain('k35@keys.example');
    const { keys, pages } = await walkForward(reader(KEYS));
    expect(keys).toEqual(listed);
    expect(pages.map((p) => p.rows.length)).toEqual([25, 25, 14]);
    expect(pages.map((p) => [p.previous, p.next])).toEqual([
      [null, listed[24]],
      [listed[25], listed[49]],
      [listed[50], null],
    ]);
    for (const p of pages) expect(p.total).toEqual({ count: 64, isMore: false });
    const [first] = pages;
    expect(first?.rows.slice(0, 4)).toEqual(['100%_off@keys.example', '@keys.example', 'axb@keys.example', 'a_b@keys.example']);
  });

  it('Last is the last 25 aliases; Previous from it walks back to a full first page', async () => {
    const { listed } = await oracle(KEYS);
    const pages = await walkBackward(reader(KEYS));
    expect(pages.map((p) => p.rows)).toEqual([listed.slice(-25), listed.slice(14, 39), listed.slice(0, 25)]);
    expect(pages.map((p) => [p.previous, p.next])).toEqual([
      [listed[39], null],
      [listed[14], listed[38]],
      [null, listed[24]],
    ]);
    const last = await listAliases(superadmin, KEYS, { cursor: { kind: 'last' } });
    expect(last?.rows.at(-1)).toMatchObject({ address: 'Zed@keys.example', destinations: ['x@gmail.test'], active: true, isCatchAll: false });
  });

  it('Next and Previous from the key of a mailbox’s own row give the aliases around it', async () => {
    const { listed, all } = await oracle(KEYS);
    const position = all.indexOf('k20@keys.example');
    const after = await reader(KEYS)({ kind: 'after', key: 'k20@keys.example' });
    expect(after?.rows).toEqual(all.slice(position + 1).filter((a) => listed.includes(a)).slice(0, PAGE_SIZE));
    const before = await reader(KEYS)({ kind: 'before', key: 'k45@keys.example' });
    expect(before?.rows).toEqual(all.slice(0, all.indexOf('k45@keys.example')).filter((a) => listed.includes(a)).slice(-PAGE_SIZE));
  });

  it.each([["' OR '1'='1"], ["'; DROP TABLE alias; --"], ['%'], ['_'], ['\\'], ['\u0000'], ['x'.repeat(300)], ['é'], ['😀'], ['@'], [' '], ['K35@KEYS.EXAMPLE']])(
    'a made-up cursor %j gives a page of consecutive aliases',
    async (key) => {
      const { listed } = await oracle(KEYS);
      for (const kind of ['after', 'before'] as const) {
        const page = await reader(KEYS)({ kind, key });
        expect(page?.rows.length, kind).toBeGreaterThan(0);
        expect(isRun(listed, page?.rows ?? []), `${kind} ${key}`).toBe(true);
        expect(page?.total).toEqual({ count: 64, isMore: false });
      }
      expect((await oracle(KEYS)).all).toHaveLength(78);
    },
  );

  it('a search is paged by the same cursors, and keeps to its prefix', async () => {
    const { listed } = await oracle(KEYS, 'k');
    expect(listed).toHaveLength(57);
    const forward = await walkForward(reader(KEYS, 'K', { pageSize: 7 }));
    expect(forward.keys).toEqual(listed);
    expect(forward.pages).toHaveLength(9);
    const backward = await walkBackward(reader(KEYS, 'k', { pageSize: 7 }));
    expect(backward[0]?.rows).toEqual(listed.slice(-7));
    expect(backward.at(-1)?.rows).toEqual(listed.slice(0, 7));
    expect(new Set(backward.flatMap((p) => p.rows))).toEqual(new Set(listed));
    expect((await reader(KEYS, 'k', { pageSize: 7 })({ kind: 'after', key: 'a' }))?.rows).toEqual(listed.slice(0, 7));
  });

  it.each([
    ['nomatch', []],
    ['%', []],
    ['_', []],
    ['100%_', ['100%_off@keys.example']],
    ["o'", ["o'brien@keys.example"]],
    ['CAFÉ', ['café@keys.example']],
    ['😀', []],
    ['k35', []],
  ])('a search for %j finds %j', async (q, found) => {
    for (const cursor of [{ kind: 'first' }, { kind: 'last' }, { kind: 'after', key: 'a' }, { kind: 'before', key: 'z' }] as const) {
      const page = await reader(KEYS, q)(cursor);
      expect(page).toEqual({ rows: found, total: { count: found.length, isMore: false }, previous: null, next: null });
    }
  });
});

describe('[alias] page boundaries', () => {
  it('exactly 25 aliases: one page, no neighbours, whatever the cursor', async () => {
    const { listed } = await oracle('exact25.example');
    expect(listed).toHaveLength(25);
    for (const cursor of [{ kind: 'first' }, { kind: 'last' }, { kind: 'before', key: 'z' }, { kind: 'after', key: '' }] as const) {
      expect(await reader('exact25.example')(cursor)).toEqual({ rows: listed, total: { count: 25, isMore: false }, previous: null, next: null });
    }
  });

  it('26 aliases: 25 then one; Last is the last 25; Previous from it is the first page', async () => {
    const { listed } = await oracle('exact26.example');
    expect(listed).toHaveLength(26);
    const read = reader('exact26.example');
    expect(await read({ kind: 'first' })).toMatchObject({ rows: listed.slice(0, 25), previous: null, next: listed[24] });
    expect(await read({ kind: 'after', key: listed[24] ?? '' })).toMatchObject({ rows: [listed[25]], previous: listed[25], next: null });
    expect(await read({ kind: 'last' })).toMatchObject({ rows: listed.slice(1), previous: listed[1], next: null });
    expect(await read({ kind: 'before', key: listed[1] ?? '' })).toMatchObject({ rows: listed.slice(0, 25), previous: null, next: listed[24] });
  });

  it.each(['empty.example', 'onlyboxes.example'])('%s lists nothing, counts 0, from any cursor', async (domain) => {
    for (const cursor of [{ kind: 'first' }, { kind: 'last' }, { kind: 'after', key: 'box1@onlyboxes.example' }, { kind: 'before', key: 'z' }] as const) {
      expect(await reader(domain)(cursor)).toEqual({ rows: [], total: { count: 0, isMore: false }, previous: null, next: null });
    }
  });
});

describe('[alias] capped total', () => {
  it('is exact up to the cap, without the mailboxes’ rows, and "more than" beyond it', async () => {
    // k1*: ten rows, two of them mailboxes' rows
    expect((await listAliases(superadmin, KEYS, { q: 'k1' }, { countCap: 8 }))?.total).toEqual({ count: 8, isMore: false });
    expect((await listAliases(superadmin, KEYS, { q: 'k1' }, { countCap: 7 }))?.total).toEqual({ count: 7, isMore: true });
    expect((await listAliases(superadmin, KEYS, {}, { countCap: 63 }))?.total).toEqual({ count: 63, isMore: true });
    expect((await listAliases(superadmin, KEYS, {}, { countCap: 64 }))?.total).toEqual({ count: 64, isMore: false });
  });

  it(`with the production cap (${COUNT_CAP}): 10,000 aliases among 10,500 rows are counted exactly, one more is "more than"`, async () => {
    expect(COUNT_CAP).toBe(10_000);
    expect((await listAliases(superadmin, 'cap.example', {}))?.total).toEqual({ count: 10_000, isMore: false });
    await alias('d@cap.example');
    expect((await listAliases(superadmin, 'cap.example', {}))?.total).toEqual({ count: 10_000, isMore: true });
    expect((await listAliases(superadmin, BIG, {}))?.total).toEqual({ count: 10_000, isMore: true });
  });
});

describe('[alias] who may list', () => {
  it('a domain admin lists their own domain only: any other is null, whatever the cursor', async () => {
    const mine = domainAdmin(KEYS);
    expect((await listAliases(mine, 'KEYS.example', {}))?.rows).toHaveLength(25);
    for (const cursor of [{ kind: 'first' }, { kind: 'last' }, { kind: 'after', key: 'user000001@big.example' }] as const) {
      expect(await listAliases(mine, BIG, { cursor })).toBeNull();
      expect(await listAliases(domainAdmin('other.example'), KEYS, { cursor, q: 'k' })).toBeNull();
    }
  });
});

describe('[alias] 200,000 aliases in one domain', () => {
  it('First, Next from deep cursors, Last and Previous are the pages of the plain ordered list', async () => {
    const { listed, all } = await oracle(BIG);
    expect(listed).toHaveLength(198_000);
    const read = reader(BIG);
    expect((await read({ kind: 'first' }))?.rows).toEqual(listed.slice(0, 25));
    for (const key of ['user000099@big.example', 'user000100@big.example', 'user150000@big.example', 'user199950@big.example']) {
      const next = all.slice(all.indexOf(key) + 1).filter((a) => !a.endsWith('00@big.example')).slice(0, 25);
      expect((await read({ kind: 'after', key }))?.rows, key).toEqual(next);
    }
    const last = await read({ kind: 'last' });
    expect(last?.rows).toEqual(listed.slice(-25));
    expect((await read({ kind: 'before', key: last?.previous ?? '' }))?.rows).toEqual(listed.slice(-50, -25));
    expect((await read({ kind: 'before', key: 'user100001@big.example' }))?.rows).toEqual(listed.slice(listed.indexOf('user100001@big.example') - 25, listed.indexOf('user100001@big.example')));
    const found = await reader(BIG, 'user0999')({ kind: 'last' });
    expect(found).toMatchObject({ rows: listed.filter((a) => a.startsWith('user0999')).slice(-25), total: { count: 99, isMore: false }, next: null });
  });

  // The point of keys: each query reads about a page of index entries, not the domain, and no mailbox row.
  it.each([
    ['First', aliasKeysSql(BIG, null, 'asc', null, 26), 60],
    ['Next from a deep cursor', aliasKeysSql(BIG, null, 'asc', 'user150000@big.example', 26), 60],
    ['Last', aliasKeysSql(BIG, null, 'desc', null, 26), 60],
    ['Previous from a deep cursor', aliasKeysSql(BIG, null, 'desc', 'user150000@big.example', 26), 60],
    ['a search, deep', aliasKeysSql(BIG, 'user1%', 'asc', 'user180000@big.example', 26), 60],
    ['whether the cursor is an alias', aliasAtSql(BIG, null, 'user150000@big.example'), 10],
    ['the capped count', aliasCountSql(BIG, null, COUNT_CAP + 1), COUNT_CAP + 10],
  ])('%s reads few index entries', async (_name, query, most) => {
    expect(await indexReads(dbUrl(), query)).toBeLessThanOrEqual(most);
  });

  it.each([
    ['First', aliasKeysSql(BIG, null, 'asc', null, 26), 'ref'],
    ['Next', aliasKeysSql(BIG, null, 'asc', 'user150000@big.example', 26), 'range'],
    ['Previous', aliasKeysSql(BIG, null, 'desc', 'user150000@big.example', 26), 'range'],
    ['a search', aliasKeysSql(BIG, 'user1%', 'asc', null, 26), 'range'],
    ['a search, Next', aliasKeysSql(BIG, 'user1%', 'asc', 'user180000@big.example', 26), 'range'],
    ['the count', aliasCountSql(BIG, 'user1%', COUNT_CAP + 1), 'range'],
  ])('%s reads the (domain, address) index of the listed keys without sorting', async (_name, query, type) => {
    const plan = await explain(dbUrl(), query);
    const listed = plan.find((r) => r.table === 'l');
    expect(listed).toMatchObject({ table: 'l', type, key: 'mailroom_alias_list_domain' });
    if (type === 'range') expect(listed?.key_len).toBe('514');
    expect(String(listed?.Extra)).not.toMatch(/filesort|temporary/);
    expect(plan.map((r) => r.table)).not.toContain('m');
  });

  it('the page’s rows are read by key for the page’s keys only', async () => {
    const plan = await explain(dbUrl(), aliasRowsSql(BIG, null, 'asc', 'user150000@big.example', 26));
    expect(plan.find((r) => r.table === 'r')).toMatchObject({ type: 'eq_ref', key: 'PRIMARY' });
  });

  it('traces an address of the big domain', async () => {
    const answer = await traceAddress(superadmin, 'user000042@big.example');
    expect(answer.kind === 'trace' && answer.deliveries.map((d) => d.address)).toEqual(['x@gmail.test']);
  });
});
