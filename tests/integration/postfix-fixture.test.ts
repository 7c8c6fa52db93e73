import { beforeAll, describe, expect, it } from 'vitest';
import { setAliasDomainActive, createAliasDomain } from '@/lib/alias-domains/service';
import { createAliasDomainSchema } from '@/lib/alias-domains/schema';
import { createAliasSchema } from '@/lib/aliases/schema';
import { createAlias, setAliasActive } from '@/lib/aliases/service';
import { getDb } from '@/lib/db/client';
import { forwardSchema } from '@/lib/forwards/schema';
import { saveForward } from '@/lib/forwards/service';
import { memoryTraceSource } from '@/lib/tracer/memory-source';
import { expandPostfixQuery, POSTFIX_QUERIES, type MapName } from '@/lib/tracer/postfix-queries';
import { superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { addDomain, addMailbox } from './helpers/mail-rows';

const dbUrl = useMigratedDatabase();

/** A documented query, filled in and escaped exactly as Postfix sends it, run as text. */
async function postfix(map: MapName, key: string): Promise<string[]> {
  const query = expandPostfixQuery(POSTFIX_QUERIES[map], key);
  if (!query) return [];
  const rows: Record<string, unknown>[] = await withSql(dbUrl(), (c) => c.query(query.display));
  return rows.map((r) => String(Object.values(r)[0]));
}

// The fixture is written through Mailroom itself wherever Mailroom writes it (aliases, forwards,
// alias domains); domains and mailboxes are plain rows, as the mailbox pages are built elsewhere.
beforeAll(async () => {
  await addDomain('fx.example');
  await addDomain('fxalias.example');
  await addDomain('off.example', { active: false });
  await addDomain('backup.example', { backupmx: true, transport: 'relay:[primary.example]' });
  for (const m of ['mbox', 'copy', 'pure']) await addMailbox(`${m}@fx.example`);
  await addMailbox('sleepy@fx.example', { active: false });
  await addMailbox('user@off.example');
  const alias = (localPart: string, goto: string, kind = 'address') => createAlias(superadmin, createAliasSchema.parse({ domain: 'fx.example', kind, localPart, goto, active: 'on' }));
  expect(await alias('single', 'mbox@fx.example')).toMatchObject({ ok: true });
  expect(await alias('multi', 'mbox@fx.example\next@gmail.test\ncopy@fx.example')).toMatchObject({ ok: true });
  expect(await alias('', 'mbox@fx.example', 'catchall')).toMatchObject({ ok: true });
  expect(await alias('paused', 'mbox@fx.example')).toMatchObject({ ok: true });
  expect(await setAliasActive(superadmin, 'paused@fx.example', false)).toMatchObject({ ok: true });
  expect(await saveForward(superadmin, forwardSchema.parse({ mailbox: 'copy@fx.example', goto: 'ext@gmail.test', keepCopy: 'on' }))).toMatchObject({ ok: true });
  expect(await saveForward(superadmin, forwardSchema.parse({ mailbox: 'pure@fx.example', goto: 'mbox@fx.example', keepCopy: '' }))).toMatchObject({ ok: true });
  const ad = createAliasDomainSchema.parse({ domain: 'fx.example', direction: 'incoming', other: 'fxalias.example', active: 'on' });
  expect(await createAliasDomain(superadmin, ad)).toMatchObject({ ok: true });
});

const EXPECTED: [MapName, string, string[]][] = [
  ['virtual_mailbox_domains', 'fx.example', ['fx.example']],
  ['virtual_mailbox_domains', 'fxalias.example', ['fxalias.example']],
  ['virtual_mailbox_domains', 'off.example', []],
  ['virtual_mailbox_domains', 'backup.example', []],
  ['relay_domains', 'backup.example', ['backup.example']],
  ['relay_domains', 'fx.example', []],
  ['transport_maps', 'fx.example', ['virtual']],
  ['transport_maps', 'backup.example', ['relay:[primary.example]']],
  ['transport_maps', 'off.example', []],
  // mailbox, alias, multi-target alias, forwards with and without copy, catch-all, inactive alias
  ['virtual_alias_maps', 'mbox@fx.example', ['mbox@fx.example']],
  ['virtual_alias_maps', 'single@fx.example', ['mbox@fx.example']],
  ['virtual_alias_maps', 'multi@fx.example', ['mbox@fx.example,ext@gmail.test,copy@fx.example']],
  ['virtual_alias_maps', 'copy@fx.example', ['ext@gmail.test,copy@fx.example']],
  ['virtual_alias_maps', 'pure@fx.example', ['mbox@fx.example']],
  ['virtual_alias_maps', '@fx.example', ['mbox@fx.example']],
  ['virtual_alias_maps', 'nobody@fx.example', []],
  ['virtual_alias_maps', 'paused@fx.example', []],
  ['virtual_alias_maps', 'MBOX@FX.example', ['mbox@fx.example']],
  // alias domain, and its catch-all query
  ['virtual_alias_domain_maps', 'mbox@fxalias.example', ['mbox@fx.example']],
  ['virtual_alias_domain_maps', 'multi@fxalias.example', ['mbox@fx.example,ext@gmail.test,copy@fx.example']],
  ['virtual_alias_domain_maps', 'nobody@fxalias.example', []],
  ['virtual_alias_domain_maps', 'paused@fxalias.example', []],
  ['virtual_alias_domain_maps', 'mbox@fx.example', []],
  ['virtual_alias_domain_catchall_maps', 'nobody@fxalias.example', ['mbox@fx.example']],
  ['virtual_alias_domain_catchall_maps', 'nobody@fx.example', []],
  // mailboxes, inactive mailbox, through the alias domain
  ['virtual_mailbox_maps', 'mbox@fx.example', ['fx.example/mbox/']],
  ['virtual_mailbox_maps', 'sleepy@fx.example', []],
  ['virtual_mailbox_maps', 'single@fx.example', []],
  ['virtual_alias_domain_mailbox_maps', 'mbox@fxalias.example', ['fx.example/mbox/']],
  ['virtual_alias_domain_mailbox_maps', 'sleepy@fxalias.example', []],
  ['virtual_alias_domain_mailbox_maps', 'nobody@fxalias.example', []],
];

describe("[postfix] the documented queries, run verbatim, answer the fixture's rows", () => {
  it.each(EXPECTED)('%s for %s', async (map, key, rows) => {
    expect(await postfix(map, key)).toEqual(rows);
  });

  it("the tracer's in-memory model answers every one of them as MariaDB does", async () => {
    const db = getDb();
    const memory = memoryTraceSource({
      domains: await db.domain.findMany({ select: { domain: true, active: true, backupmx: true, transport: true } }),
      aliases: await db.alias.findMany({ select: { address: true, goto: true, active: true } }),
      mailboxes: await db.mailbox.findMany({ select: { username: true, active: true } }),
      aliasDomains: await db.aliasDomain.findMany({ select: { aliasDomain: true, targetDomain: true, active: true } }),
    });
    for (const [map, key] of EXPECTED) expect((await memory.run(map, key)).rows, `${map} ${key}`).toEqual(await postfix(map, key));
  });

  it('a deactivated alias domain answers nothing, catch-all and mailbox queries included', async () => {
    expect(await setAliasDomainActive(superadmin, 'fxalias.example', false)).toMatchObject({ ok: true });
    expect(await postfix('virtual_alias_domain_maps', 'mbox@fxalias.example')).toEqual([]);
    expect(await postfix('virtual_alias_domain_catchall_maps', 'nobody@fxalias.example')).toEqual([]);
    expect(await postfix('virtual_alias_domain_mailbox_maps', 'mbox@fxalias.example')).toEqual([]);
    expect(await setAliasDomainActive(superadmin, 'fxalias.example', true)).toMatchObject({ ok: true });
  });
});
