import { beforeAll, describe, expect, it } from 'vitest';
import { findAliasDomainForActor, listAliasDomains } from '@/lib/alias-domains/queries';
import { createAliasDomainSchema } from '@/lib/alias-domains/schema';
import { createAliasDomain, deleteAliasDomain, setAliasDomainActive } from '@/lib/alias-domains/service';
import { getDb } from '@/lib/db/client';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { addAlias, addDomain, addMailbox, lastLog } from './helpers/mail-rows';

const dbUrl = useMigratedDatabase();
const admin = domainAdmin('main.example', 'alias.example', 'xn--bcher-kva.example', 'c1.example', 'c2.example', 'c3.example');

function form(fields: Record<string, string>) {
  return createAliasDomainSchema.parse({ domain: 'main.example', direction: 'incoming', active: 'on', ...fields });
}
const ALIAS_DOMAIN_MAPS = "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('%u', '@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1";
const ALIAS_DOMAIN_CATCHALL = "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1";
async function postfix(query: string, address: string): Promise<string[]> {
  const [u = '', d = ''] = address.split('@');
  const rows: { goto: string }[] = await withSql(dbUrl(), (c) => c.query(query.replace('%u', u).replace('%d', d)));
  return rows.map((r) => r.goto);
}
const rows = () => getDb().aliasDomain.findMany({ orderBy: { aliasDomain: 'asc' }, select: { aliasDomain: true, targetDomain: true, active: true } });

beforeAll(async () => {
  for (const d of ['main.example', 'alias.example', 'xn--bcher-kva.example', 'c1.example', 'c2.example', 'c3.example', 'foreign.example']) await addDomain(d);
  await addMailbox('alice@main.example');
  await addAlias('@main.example', 'alice@main.example');
});

describe('[alias-domain] create', () => {
  it('another domain delivers to the same local parts here; Postfix answers through it, catch-all included', async () => {
    expect(await createAliasDomain(admin, form({ other: 'Alias.Example' }))).toEqual({ ok: true, message: 'aliasDomain.created' });
    expect(await rows()).toEqual([{ aliasDomain: 'alias.example', targetDomain: 'main.example', active: true }]);
    expect(await lastLog('alias.example')).toEqual({ action: 'create_alias_domain', data: 'alias.example -> main.example', username: 'domain admin' });
    expect(await postfix(ALIAS_DOMAIN_MAPS, 'alice@alias.example')).toEqual(['alice@main.example']);
    expect(await postfix(ALIAS_DOMAIN_CATCHALL, 'whoever@alias.example')).toEqual(['alice@main.example']);
  });

  it('this domain can be made an alias of another (typed in Unicode)', async () => {
    expect(await createAliasDomain(admin, form({ domain: 'c1.example', direction: 'outgoing', other: 'Bücher.example' }))).toMatchObject({ ok: true });
    expect((await rows()).find((r) => r.aliasDomain === 'c1.example')).toEqual({ aliasDomain: 'c1.example', targetDomain: 'xn--bcher-kva.example', active: true });
  });

  it.each([
    ['itself', { other: 'main.example' }, 'aliasDomain.errors.same'],
    ['a domain the admin does not manage', { other: 'foreign.example' }, 'aliasDomain.errors.notManaged'],
    ['a domain that does not exist', { other: 'nowhere.example' }, 'aliasDomain.errors.notManaged'],
    ['a domain already an alias domain', { domain: 'c2.example', other: 'alias.example' }, 'aliasDomain.errors.alreadyAlias'],
    ['a target that is itself an alias domain (chain)', { domain: 'c1.example', other: 'c2.example' }, 'aliasDomain.errors.targetIsAlias'],
    ['an alias domain that is already a target (chain)', { direction: 'outgoing', other: 'c3.example' }, 'aliasDomain.errors.aliasIsTarget'],
    ['the reverse of an existing one (cycle)', { domain: 'alias.example', other: 'main.example' }, 'aliasDomain.errors.targetIsAlias'],
    ['the reverse, typed from the target (cycle)', { domain: 'xn--bcher-kva.example', direction: 'outgoing', other: 'c1.example' }, 'aliasDomain.errors.targetIsAlias'],
  ])('refuses %s, writing nothing', async (_name, fields, message) => {
    const before = { rows: await rows(), log: await getDb().log.count() };
    expect(await createAliasDomain(admin, form(fields))).toEqual({ fieldErrors: { other: [message] } });
    expect({ rows: await rows(), log: await getDb().log.count() }).toEqual(before);
  });

  it('a domain admin of neither domain gets "not found"', async () => {
    expect(await createAliasDomain(domainAdmin('c3.example'), form({ domain: 'foreign.example', other: 'main.example' }))).toEqual({ message: 'errors.notFound' });
  });

  it.each([["evil.example'; DROP TABLE alias_domain;--", 'domain.errors.bad_character'], ['<script>.example', 'domain.errors.bad_character'], ['a\nb.example', 'domain.errors.bad_character'], ['', 'domain.errors.empty']])(
    'the typed domain %j is refused (%s)',
    (other, message) => {
      const r = createAliasDomainSchema.safeParse({ domain: 'main.example', direction: 'incoming', other });
      expect(r.success ? [] : r.error.issues.map((i) => [i.path[0], i.message])).toEqual([['other', message]]);
    },
  );

  it('opposite requests racing each other cannot make a cycle', async () => {
    await addDomain('p.example');
    await addDomain('q.example');
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createAliasDomain(superadmin, form(i % 2 ? { domain: 'p.example', other: 'q.example' } : { domain: 'q.example', other: 'p.example' }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await getDb().aliasDomain.count({ where: { aliasDomain: { in: ['p.example', 'q.example'] } } })).toBe(1);
  });
});

describe('[alias-domain] activation and deletion', () => {
  it('deactivating stops Postfix answering; both are audited', async () => {
    expect(await setAliasDomainActive(admin, 'alias.example', false)).toEqual({ ok: true, message: 'aliasDomain.deactivated' });
    expect(await postfix(ALIAS_DOMAIN_MAPS, 'alice@alias.example')).toEqual([]);
    expect(await lastLog('alias.example')).toMatchObject({ action: 'edit_alias_domain_state', data: 'alias.example -> main.example: active -> inactive' });
    expect(await setAliasDomainActive(admin, 'alias.example', true)).toEqual({ ok: true, message: 'aliasDomain.activated' });
    expect(await postfix(ALIAS_DOMAIN_MAPS, 'alice@alias.example')).toEqual(['alice@main.example']);
  });

  it('only an admin of the alias domain may change it', async () => {
    const targetOnly = domainAdmin('main.example');
    expect(await setAliasDomainActive(targetOnly, 'alias.example', false)).toEqual({ message: 'errors.notFound' });
    expect(await deleteAliasDomain(targetOnly, 'alias.example')).toEqual({ message: 'errors.notFound' });
    expect(await findAliasDomainForActor(targetOnly, 'alias.example')).toBeNull();
    expect((await listAliasDomains(targetOnly, 'main.example'))?.incoming).toEqual([expect.objectContaining({ aliasDomain: 'alias.example', canChange: false })]);
    expect(await listAliasDomains(targetOnly, 'alias.example')).toBeNull();
  });

  it('deleting removes the row and is audited', async () => {
    expect(await deleteAliasDomain(admin, 'alias.example')).toEqual({ ok: true, message: 'aliasDomain.deleted' });
    expect(await getDb().aliasDomain.findUnique({ where: { aliasDomain: 'alias.example' } })).toBeNull();
    expect(await lastLog('alias.example')).toMatchObject({ action: 'delete_alias_domain', data: 'alias.example -> main.example' });
    expect(await deleteAliasDomain(admin, 'alias.example')).toEqual({ message: 'errors.notFound' });
  });
});
