import { beforeAll, describe, expect, it } from 'vitest';
import { listAliases } from '@/lib/aliases/queries';
import { getDb } from '@/lib/db/client';
import type { Cursor } from '@/lib/pagination/keyset';
import { superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { walkBackward, walkForward } from './helpers/keyset';

// Domains where thousands of mailboxes' own alias rows follow one another in address order (mailbox
// names that sort apart from alias names): pages that cross such a run are exact and cost about a
// page, because the keys come from mailroom_alias_list, which the triggers on alias and mailbox keep
// equal to "alias rows that are not a mailbox's" whoever writes (here: plain SQL).
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
  // two runs with an alias between them
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

/** What mailroom_alias_list holds for a domain. */
async function kept(domain: string): Promise<string[]> {
  const rows = await getDb().$queryRaw<{ address: string }[]>`SELECT address FROM mailroom_alias_list WHERE domain = ${domain} ORDER BY address`;
  return rows.map((r) => r.address);
}

const DOMAINS = ['tail.example', 'head.example', 'middle.example', 'hidden.example', 'orphan.example', 'upper.example', 'twoblocks.example', 'interleaved.example', 'plain.example', 'odd.example'];

describe('[alias] pages across a run of thousands of mailboxes’ rows', () => {
  it.each(DOMAINS)('%s: the triggers kept exactly the aliases to list', async (domain) => {
    expect(await kept(domain)).toEqual(await listed(domain));
  });

  it.each(DOMAINS.slice(0, 8))('%s: Next from First and Previous from Last show exactly the aliases, in order', async (domain) => {
    const expected = await listed(domain);
    expect((await walkForward(reader(domain))).keys).toEqual(expected);
    const backward = await walkBackward(reader(domain));
    expect(backward[0]?.rows).toEqual(expected.slice(-25));
    expect(backward.at(-1)?.rows).toEqual(expected.slice(0, 25));
    expect(new Set(backward.flatMap((p) => p.rows))).toEqual(new Set(expected));
  });

  it('the alias hidden among the mailboxes and the alias-less mailbox are handled exactly', async () => {
    expect(await listed('hidden.example')).toContain('m03500x@hidden.example');
    expect((await reader('hidden.example')({ kind: 'after', key: 'a040@hidden.example' }))?.rows.slice(0, 2)).toEqual(['m03500x@hidden.example', 'z001@hidden.example']);
    expect((await reader('hidden.example')({ kind: 'before', key: 'z001@hidden.example' }))?.rows.slice(-2)).toEqual(['a040@hidden.example', 'm03500x@hidden.example']);
    expect((await reader('orphan.example')({ kind: 'after', key: 'a040@orphan.example' }))?.rows[0]).toBe('z001@orphan.example');
    expect((await reader('twoblocks.example')({ kind: 'after', key: 'a030@twoblocks.example' }))?.rows.slice(9, 12)).toEqual(['a040@twoblocks.example', 'n001@twoblocks.example', 'z001@twoblocks.example']);
    // an alias whose address is a mailbox of another domain is that mailbox's row, as Postfix's lookups see it
    expect(await kept('odd.example')).not.toContain('g500@odd.example');
  });

  it('a search inside the run finds nothing, and one across it finds both sides', async () => {
    expect((await reader('middle.example', 'm')({ kind: 'first' }))?.rows).toEqual([]);
    expect((await reader('middle.example', 'm0')({ kind: 'last' }))?.rows).toEqual([]);
    expect((await reader('hidden.example', 'm')({ kind: 'last' }))?.rows).toEqual(['m03500x@hidden.example']);
  });

  it('a page next to a run, and its count, read about a page of entries: no mailbox row is looked up', async () => {
    const page = (domain: string, cursor: Cursor) => () => listAliases(superadmin, domain, { cursor }, { countCap: 100 });
    for (const [domain, cursor] of [['tail.example', { kind: 'last' }], ['head.example', { kind: 'first' }], ['middle.example', { kind: 'after', key: 'a040@middle.example' }], ['tail.example', { kind: 'after', key: 'zz' }]] as const) {
      expect(await keyLookups(page(domain, cursor)), `${domain} ${cursor.kind}`).toBeLessThan(200);
    }
    expect((await page('tail.example', { kind: 'after', key: 'zz' })())?.rows.at(-1)?.address).toBe('a060@tail.example');
  });

  it('counts exactly up to the cap', async () => {
    for (const [domain, count] of [['tail.example', 60], ['head.example', 60], ['middle.example', 80], ['hidden.example', 81], ['orphan.example', 80], ['upper.example', 80], ['odd.example', 999]] as const) {
      expect((await listAliases(superadmin, domain, {}, { countCap: 1000 }))?.total).toEqual({ count, isMore: false });
      expect((await listAliases(superadmin, domain, {}, { countCap: count - 1 }))?.total).toEqual({ count: count - 1, isMore: true });
    }
  });
});

describe('[alias] the triggers follow every kind of write to alias and mailbox', () => {
  const D = 'writes.example';
  const mailbox = (username: string) => sql("INSERT INTO mailbox (username, password, name, maildir, local_part, domain) VALUES (?, 'x', '', '', '', ?)", [username, D]);
  const alias = (address: string) => sql('INSERT INTO alias (address, goto, domain) VALUES (?, ?, ?)', [address, 'x@gmail.test', D]);

  beforeAll(async () => {
    await sql("INSERT INTO domain (domain, description, transport) VALUES (?, '', 'virtual')", [D]);
  });

  it('an alias row is listed unless a mailbox has its address; a mailbox created later takes it off the list', async () => {
    await alias(`info@${D}`);
    await mailbox(`bob@${D}`);
    await alias(`bob@${D}`);
    expect(await kept(D)).toEqual([`info@${D}`]);
    await mailbox(`info@${D}`);
    expect(await kept(D)).toEqual([]);
  });

  it('deleting a mailbox gives its alias row back to the list (a forward kept after the mailbox went); deleting the alias row removes it', async () => {
    await sql('DELETE FROM mailbox WHERE username = ?', [`info@${D}`]);
    expect(await kept(D)).toEqual([`info@${D}`]);
    await sql('DELETE FROM alias WHERE address = ?', [`info@${D}`]);
    expect(await kept(D)).toEqual([]);
  });

  it('renaming an alias or a mailbox, or moving an alias to another domain, moves its key', async () => {
    await alias(`sales@${D}`);
    await sql('UPDATE alias SET address = ? WHERE address = ?', [`shop@${D}`, `sales@${D}`]);
    expect(await kept(D)).toEqual([`shop@${D}`]);
    await sql('UPDATE alias SET domain = ? WHERE address = ?', ['elsewhere.example', `shop@${D}`]);
    expect(await kept(D)).toEqual([]);
    expect(await kept('elsewhere.example')).toEqual([`shop@${D}`]);
    await sql('UPDATE alias SET domain = ?, goto = ? WHERE address = ?', [D, 'y@gmail.test', `shop@${D}`]);
    expect(await kept(D)).toEqual([`shop@${D}`]);
    // bob's mailbox renamed to shop: bob's alias row is listed now, shop's is the mailbox's
    await sql('UPDATE mailbox SET username = ? WHERE username = ?', [`shop@${D}`, `bob@${D}`]);
    expect(await kept(D)).toEqual([`bob@${D}`]);
    await sql('UPDATE mailbox SET name = ? WHERE username = ?', ['Shop', `shop@${D}`]);
    expect(await kept(D)).toEqual([`bob@${D}`]);
  });

  it("compares addresses as Postfix's lookups do (case-insensitive): an upper-case alias row of a mailbox is its own", async () => {
    await mailbox(`carol@${D}`);
    await alias(`CAROL@${D.toUpperCase()}`);
    expect(await kept(D)).toEqual([`bob@${D}`]);
    expect(await kept(D)).toEqual(await listed(D));
  });

  it('a transaction rolled back leaves the list as it was', async () => {
    await withSql(dbUrl(), async (c) => {
      await c.beginTransaction();
      await c.query('INSERT INTO alias (address, goto, domain) VALUES (?, ?, ?)', [`temp@${D}`, 'x@gmail.test', D]);
      await c.query('DELETE FROM mailbox WHERE username = ?', [`carol@${D}`]);
      await c.rollback();
    });
    expect(await kept(D)).toEqual([`bob@${D}`]);
  });
});
