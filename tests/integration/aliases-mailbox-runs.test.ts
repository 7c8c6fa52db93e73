import { beforeAll, describe, expect, it } from 'vitest';
import { ALIAS_WINDOW, FIRST_STRIDE, sameKeysSql, strideEndSql } from '@/lib/aliases/mailbox-runs';
import { listAliases } from '@/lib/aliases/queries';
import { getDb } from '@/lib/db/client';
import type { Cursor } from '@/lib/pagination/keyset';
import { superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { walkBackward, walkForward } from './helpers/keyset';

// Domains where thousands of mailboxes' own alias rows follow one another in address order (mailbox
// names that sort apart from alias names): pages that cross such a run must still be exact.
const dbUrl = useMigratedDatabase();
const BLOCK = 5000;

const sql = (query: string, params: unknown[] = []) => withSql(dbUrl(), (c) => c.query(query, params));

/** `count` aliases named `${prefix}NNN@domain`. */
const aliases = (domain: string, prefix: string, count: number) =>
  sql(`INSERT INTO alias (address, goto, domain) SELECT CONCAT(?, LPAD(seq, 3, '0'), '@', ?), 'x@gmail.test', ? FROM seq_1_to_${count}`, [prefix, domain, domain]);

/** BLOCK mailboxes named `${prefix}NNNNN@domain`, each with its self-alias row (its address in `case`). */
async function mailboxes(domain: string, prefix: string, aliasCase: 'lower' | 'upper' = 'lower') {
  await sql(`INSERT INTO mailbox (username, password, name, maildir, local_part, domain) SELECT CONCAT(?, LPAD(seq, 5, '0'), '@', ?), 'x', '', '', '', ? FROM seq_1_to_${BLOCK}`, [prefix, domain, domain]);
  const address = aliasCase === 'upper' ? "UPPER(CONCAT(?, LPAD(seq, 5, '0'), '@', ?))" : "CONCAT(?, LPAD(seq, 5, '0'), '@', ?)";
  await sql(`INSERT INTO alias (address, goto, domain) SELECT ${address}, 'self', ? FROM seq_1_to_${BLOCK}`, [prefix, domain, domain]);
}

beforeAll(async () => {
  const domains = ['tail', 'head', 'middle', 'hidden', 'orphan', 'upper', 'twoblocks', 'interleaved', 'plain', 'odd'].map((d) => `${d}.example`);
  for (const d of domains) await sql("INSERT INTO domain (domain, description, transport) VALUES (?, '', 'virtual')", [d]);
  await aliases('tail.example', 'a', 60);
  await mailboxes('tail.example', 'u');
  await mailboxes('head.example', 'a');
  await aliases('head.example', 'z', 60);
  for (const d of ['middle', 'hidden', 'orphan', 'upper']) {
    await aliases(`${d}.example`, 'a', 40);
    await mailboxes(`${d}.example`, 'm', d === 'upper' ? 'upper' : 'lower');
    await aliases(`${d}.example`, 'z', 40);
  }
  // two runs with an alias between them: crossing to the farthest mailbox fails, strides go on
  await aliases('twoblocks.example', 'a', 40);
  await mailboxes('twoblocks.example', 'm');
  await aliases('twoblocks.example', 'n', 1);
  await mailboxes('twoblocks.example', 'p');
  await aliases('twoblocks.example', 'z', 40);
  // a100@ sorts among a00001@..a05000@: runs of about a hundred mailboxes' rows between aliases
  await aliases('interleaved.example', 'a', 60);
  await mailboxes('interleaved.example', 'a');
  // 1,000 aliases and no mailbox; the same with one alias whose address is a mailbox of another domain
  for (const [d, prefix] of [['plain', 'f'], ['odd', 'g']] as const) {
    await aliases(`${d}.example`, prefix, 999);
    await sql("INSERT INTO alias (address, goto, domain) VALUES (?, 'x@gmail.test', ?)", [`${prefix}000@${d}.example`, `${d}.example`]);
  }
  await sql("INSERT INTO mailbox (username, password, name, maildir, local_part, domain) VALUES ('g500@odd.example', 'x', '', '', 'g500', 'nowhere.example')");
  // an alias among the mailboxes' rows, and a mailbox without its alias row
  await sql("INSERT INTO alias (address, goto, domain) VALUES ('m03500x@hidden.example', 'x@gmail.test', 'hidden.example')");
  await sql("DELETE FROM alias WHERE address = 'm02000@orphan.example'");
  await sql('ANALYZE TABLE alias, mailbox');
}, 120_000);

async function listed(domain: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ address: string }[]>`
    SELECT a.address FROM alias a WHERE a.domain = ${domain} AND NOT EXISTS (SELECT 1 FROM mailbox m WHERE m.username = a.address) ORDER BY a.address`;
  return rows.map((r) => r.address);
}

const reader = (domain: string, q = '') => async (cursor: Cursor) => {
  const page = await listAliases(superadmin, domain, { q, cursor });
  return page && { ...page, rows: page.rows.map((r) => r.address) };
};

/** Key lookups MariaDB made (all connections) while `fn` ran: one per mailbox row checked one by one. */
async function keyLookups(fn: () => Promise<unknown>): Promise<number> {
  const read = async () => Number((await sql("SHOW GLOBAL STATUS LIKE 'Handler_read_key'"))[0].Value);
  const before = await read();
  await fn();
  return (await read()) - before;
}

describe('[alias] pages across a run of thousands of mailboxes’ rows', () => {
  it('the run is longer than a window and a stride, so the crossing is exercised', () => {
    expect(BLOCK).toBeGreaterThan(ALIAS_WINDOW + FIRST_STRIDE);
  });

  it.each(['tail.example', 'head.example', 'middle.example', 'hidden.example', 'orphan.example', 'upper.example', 'twoblocks.example', 'interleaved.example'])(
    '%s: Next from First and Previous from Last show exactly the aliases, in order',
    async (domain) => {
      const expected = await listed(domain);
      expect((await walkForward(reader(domain))).keys).toEqual(expected);
      const backward = await walkBackward(reader(domain));
      expect(backward[0]?.rows).toEqual(expected.slice(-25));
      expect(backward.at(-1)?.rows).toEqual(expected.slice(0, 25));
      expect(new Set(backward.flatMap((p) => p.rows))).toEqual(new Set(expected));
    },
  );

  it('the alias hidden among the mailboxes and the alias-less mailbox are handled exactly', async () => {
    expect(await listed('hidden.example')).toContain('m03500x@hidden.example');
    expect((await reader('hidden.example')({ kind: 'after', key: 'a040@hidden.example' }))?.rows.slice(0, 2)).toEqual(['m03500x@hidden.example', 'z001@hidden.example']);
    expect((await reader('hidden.example')({ kind: 'before', key: 'z001@hidden.example' }))?.rows.slice(-2)).toEqual(['a040@hidden.example', 'm03500x@hidden.example']);
    expect((await reader('orphan.example')({ kind: 'after', key: 'a040@orphan.example' }))?.rows[0]).toBe('z001@orphan.example');
    expect((await reader('twoblocks.example')({ kind: 'after', key: 'a030@twoblocks.example' }))?.rows.slice(9, 12)).toEqual(['a040@twoblocks.example', 'n001@twoblocks.example', 'z001@twoblocks.example']);
  });

  it('a search inside the run finds nothing, and one across it finds both sides', async () => {
    expect((await reader('middle.example', 'm')({ kind: 'first' }))?.rows).toEqual([]);
    expect((await reader('middle.example', 'm0')({ kind: 'last' }))?.rows).toEqual([]);
    expect((await reader('hidden.example', 'm')({ kind: 'last' }))?.rows).toEqual(['m03500x@hidden.example']);
  });

  // (the count runs alongside: a small cap keeps its own lookups to one window)
  const page = (domain: string, cursor: Cursor) => () => listAliases(superadmin, domain, { cursor }, { countCap: 5 });

  it('crossing a certified run does not look up its mailboxes one by one', async () => {
    expect(await keyLookups(page('tail.example', { kind: 'last' }))).toBeLessThan(ALIAS_WINDOW * 3);
    expect(await keyLookups(page('head.example', { kind: 'first' }))).toBeLessThan(ALIAS_WINDOW * 3);
    expect(await keyLookups(page('middle.example', { kind: 'after', key: 'a040@middle.example' }))).toBeLessThan(ALIAS_WINDOW * 3);
    // a made-up cursor past the run: nothing after it, so the last page, and whether anything precedes it
    expect(await keyLookups(page('tail.example', { kind: 'after', key: 'zz' }))).toBeLessThan(ALIAS_WINDOW * 5);
    expect((await page('tail.example', { kind: 'after', key: 'zz' })())?.rows.at(-1)?.address).toBe('a060@tail.example');
    // where the comparison fails, the rows are checked one by one: still right, just slower
    expect(await keyLookups(page('hidden.example', { kind: 'after', key: 'a040@hidden.example' }))).toBeGreaterThan(ALIAS_WINDOW * 4);
  });

  it('the count crosses the run the same way, and stays exact', async () => {
    for (const domain of ['tail.example', 'head.example']) {
      let total: unknown;
      expect(await keyLookups(async () => (total = (await listAliases(superadmin, domain, {}, { countCap: 100 }))?.total))).toBeLessThan(ALIAS_WINDOW * 3);
      expect(total).toEqual({ count: 60, isMore: false });
    }
    for (const [domain, count] of [['middle.example', 80], ['hidden.example', 81], ['orphan.example', 80], ['upper.example', 80]] as const) {
      expect((await listAliases(superadmin, domain, {}, { countCap: 100 }))?.total).toEqual({ count, isMore: false });
      expect((await listAliases(superadmin, domain, {}, { countCap: count - 1 }))?.total).toEqual({ count: count - 1, isMore: true });
      expect((await listAliases(superadmin, domain, {}))?.total).toEqual({ count, isMore: false });
    }
  });

  it('a window of aliases with no mailbox key in its range is counted without looking up its rows', async () => {
    let total: unknown;
    expect(await keyLookups(async () => (total = (await listAliases(superadmin, 'plain.example', {}, { countCap: 999 }))?.total))).toBeLessThan(100);
    expect(total).toEqual({ count: 999, isMore: true });
    // a mailbox (even of another domain) with an alias's address in a window's range: that window's rows are checked, and it is left out
    expect(await keyLookups(async () => (total = (await listAliases(superadmin, 'odd.example', {}, { countCap: 999 }))?.total))).toBeGreaterThanOrEqual(ALIAS_WINDOW);
    expect(total).toEqual({ count: 999, isMore: false });
    expect((await listAliases(superadmin, 'odd.example', { cursor: { kind: 'after', key: 'g499@odd.example' } }))?.rows[0]?.address).toBe('g501@odd.example');
  });

  it.each([
    ['the run itself', 'middle.example', 'a040@middle.example', 'm05000@middle.example', 1],
    ['the run with an upper-case alias row for each mailbox', 'upper.example', 'a040@upper.example', 'm05000@upper.example', 1],
    ['a span with an alias among the mailboxes', 'hidden.example', 'a040@hidden.example', 'm05000@hidden.example', 0],
    ['a span with a mailbox without its alias row', 'orphan.example', 'a040@orphan.example', 'm05000@orphan.example', 0],
    ['a span reaching past the run', 'middle.example', 'a040@middle.example', 'z001@middle.example', 0],
    ['a span with no alias row', 'middle.example', 'm05000@middle.example', 'm05000@middle.example', 0],
    ['a span of aliases only', 'middle.example', null, 'a040@middle.example', 0],
  ])('comparing the key lists of %s: %i', async (_name, domain, from, until, same) => {
    const query = sameKeysSql(domain, null, 'asc', from, until);
    expect(Number((await getDb().$queryRaw<{ same: bigint }[]>(query))[0]?.same)).toBe(same);
  });

  it.each([
    ['a stride inside the run', 'middle.example', 'a040@middle.example', 100, 'm00100@middle.example', 1],
    ['a stride over the hidden alias', 'hidden.example', 'a040@hidden.example', 4000, 'm04000@hidden.example', 0],
    ['a stride starting among aliases', 'middle.example', null, 10, 'm00010@middle.example', 0],
    ['a stride through interleaved aliases', 'interleaved.example', 'a001@interleaved.example', 1000, 'a01199@interleaved.example', 0],
    ['a stride past the last mailbox', 'middle.example', 'a040@middle.example', 5001, undefined, undefined],
  ])('a stride end and whether the aliases line up with it: %s', async (_name, domain, from, n, key, aligned) => {
    const [row] = await getDb().$queryRaw<{ k: string; aligned: bigint }[]>(strideEndSql(domain, null, 'asc', from, n));
    expect(row?.k).toBe(key);
    expect(row === undefined ? undefined : Number(row.aligned)).toBe(aligned);
  });
});
