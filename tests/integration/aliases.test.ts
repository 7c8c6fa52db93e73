import { beforeAll, describe, expect, it } from 'vitest';
import { parseFieldMessage } from '@/lib/aliases/field-message';
import { findAliasForActor, listAliases } from '@/lib/aliases/queries';
import { createAliasSchema, updateAliasSchema } from '@/lib/aliases/schema';
import { createAlias, deleteAlias, setAliasActive, updateAlias } from '@/lib/aliases/service';
import type { ActionState } from '@/lib/actions/action-state';
import { getDb } from '@/lib/db/client';
import { saveSetting } from '@/lib/settings/settings';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { addAlias, addAliasDomain, addDomain, addMailbox, lastLog } from './helpers/mail-rows';

const dbUrl = useMigratedDatabase();
const admin = domainAdmin('a.example', 'b.example');

/** The alias form as a browser posts it, through the action's zod schema. */
function form(fields: Record<string, string>) {
  return createAliasSchema.parse({ domain: 'a.example', kind: 'address', active: 'on', ...fields });
}
function edit(fields: Record<string, string>) {
  return updateAliasSchema.parse({ active: 'on', ...fields });
}
/** Field errors with their parameters, for readable assertions. */
function errorsOf(state: ActionState, field: string) {
  return (state.fieldErrors?.[field] ?? []).map(parseFieldMessage);
}
async function snapshot() {
  const db = getDb();
  return { aliases: await db.alias.findMany({ orderBy: { address: 'asc' } }), log: await db.log.count() };
}

beforeAll(async () => {
  await addDomain('a.example');
  await addDomain('b.example');
  await addDomain('foreign-admin.example');
  await addDomain('backup.example', { backupmx: true });
  await addDomain('alias-of-a.example');
  await addAliasDomain('alias-of-a.example', 'a.example');
  await addMailbox('alice@a.example');
  await addMailbox('bob@b.example');
  await addMailbox('carol@foreign-admin.example');
});

describe('[alias] create', () => {
  it('an alias with two destinations is stored normalised, with its audit row', async () => {
    const input = form({ localPart: 'Sales', goto: ' Alice@A.example \n\nfriend@Bücher.example\nalice@a.example\n' });
    expect(await createAlias(admin, input)).toEqual({ ok: true, message: 'alias.created' });
    const row = await getDb().alias.findUnique({ where: { address: 'sales@a.example' }, select: { goto: true, domain: true, active: true } });
    expect(row).toEqual({ goto: 'alice@a.example,friend@xn--bcher-kva.example', domain: 'a.example', active: true });
    expect(await lastLog('a.example')).toEqual({ action: 'create_alias', data: 'sales@a.example -> alice@a.example,friend@xn--bcher-kva.example', username: 'domain admin' });
  });

  it('the catch-all is a form choice, stored as @domain; there is only one', async () => {
    expect(await createAlias(admin, form({ kind: 'catchall', localPart: 'ignored', goto: 'alice@a.example' }))).toMatchObject({ ok: true });
    expect(await getDb().alias.findUnique({ where: { address: '@a.example' }, select: { goto: true } })).toEqual({ goto: 'alice@a.example' });
    expect(await createAlias(admin, form({ kind: 'catchall', goto: 'bob@b.example' }))).toEqual({ fieldErrors: { localPart: ['alias.errors.catchAllExists'] } });
  });

  it('an address that is a mailbox or an existing alias is refused, and nothing is written', async () => {
    const before = await snapshot();
    expect(await createAlias(admin, form({ localPart: 'alice', goto: 'bob@b.example' }))).toEqual({ fieldErrors: { localPart: ['alias.errors.isMailbox'] } });
    expect(await createAlias(admin, form({ localPart: 'SALES', goto: 'bob@b.example' }))).toEqual({ fieldErrors: { localPart: ['alias.errors.exists'] } });
    expect(await snapshot()).toEqual(before);
  });

  it('local destinations that do not exist are refused, naming them; foreign and backup-MX ones are accepted as is', async () => {
    const before = await snapshot();
    const r = await createAlias(admin, form({ localPart: 'typo', goto: 'alice@a.example\nalcie@a.example\nnobody@alias-of-a.example\nx@gmail.test' }));
    expect(errorsOf(r, 'goto')).toEqual([{ key: 'alias.errors.missing', params: { addresses: 'alcie@a.example, nobody@alias-of-a.example', count: 2 } }]);
    expect(await snapshot()).toEqual(before);
    // alice@alias-of-a.example exists through the alias domain; backup MX mailboxes live elsewhere
    const ok = await createAlias(admin, form({ localPart: 'reach', goto: 'alice@alias-of-a.example\nanyone@backup.example\nx@gmail.test' }));
    expect(ok).toMatchObject({ ok: true });
  });

  it('an alias pointing at itself is refused', async () => {
    expect(await createAlias(admin, form({ localPart: 'me', goto: 'me@a.example' }))).toEqual({ fieldErrors: { goto: ['alias.errors.pointsToItself'] } });
  });

  it('loops are refused, naming the cycle: a -> b -> a, longer cycles, and through an alias domain', async () => {
    await addAlias('ping@a.example', 'alice@a.example');
    await addAlias('hop1@b.example', 'hop2@a.example');
    await addAlias('hop2@a.example', 'alice@a.example');
    await addAlias('via@a.example', 'alice@a.example');
    const before = await snapshot();
    // edit ping to point at pong, then pong at ping
    expect(await createAlias(admin, form({ localPart: 'pong', goto: 'ping@a.example' }))).toMatchObject({ ok: true });
    const r1 = await updateAlias(admin, edit({ address: 'ping@a.example', goto: 'pong@a.example' }));
    expect(errorsOf(r1, 'goto')).toEqual([{ key: 'alias.errors.loop', params: { cycle: 'ping@a.example → pong@a.example → ping@a.example' } }]);
    const r2 = await updateAlias(admin, edit({ address: 'hop2@a.example', goto: 'pong@a.example' }));
    expect(r2).toMatchObject({ ok: true });
    const r3 = await updateAlias(admin, edit({ address: 'ping@a.example', goto: 'hop1@b.example' }));
    expect(errorsOf(r3, 'goto')[0]?.params.cycle).toBe('ping@a.example → hop1@b.example → hop2@a.example → pong@a.example → ping@a.example');
    // via@a.example -> loopback@alias-of-a.example, which the alias domain rewrites to loopback@a.example -> via@a.example
    await addAlias('loopback@a.example', 'via@a.example');
    const r4 = await updateAlias(admin, edit({ address: 'via@a.example', goto: 'loopback@alias-of-a.example' }));
    expect(errorsOf(r4, 'goto')[0]?.params.cycle).toBe('via@a.example → loopback@alias-of-a.example → via@a.example');
    const after = await snapshot();
    expect(after.aliases.find((a) => a.address === 'ping@a.example')?.goto).toBe('alice@a.example');
    expect(after.aliases.find((a) => a.address === 'via@a.example')?.goto).toBe('alice@a.example');
    expect(after.log).toBe(before.log + 2);
  });

  it('an inactive alias may point into a loop; activating it is refused', async () => {
    expect(await createAlias(admin, form({ localPart: 'dormant', goto: 'pong@a.example', active: '' }))).toMatchObject({ ok: true });
    expect(await updateAlias(admin, edit({ address: 'ping@a.example', goto: 'dormant@a.example' }))).toMatchObject({ ok: true });
    const r = await setAliasActive(admin, 'dormant@a.example', true);
    expect(errorsOf(r, 'active')[0]?.key).toBe('alias.errors.loop');
    expect(await getDb().alias.findUnique({ where: { address: 'dormant@a.example' }, select: { active: true } })).toEqual({ active: false });
    await updateAlias(admin, edit({ address: 'ping@a.example', goto: 'alice@a.example' }));
    expect(await setAliasActive(admin, 'dormant@a.example', true)).toEqual({ ok: true, message: 'alias.activated' });
    expect(await lastLog('a.example')).toMatchObject({ action: 'edit_alias_state', data: 'dormant@a.example: inactive -> active' });
  });

  it('reserved local parts are refused for domain admins, not for superadmins', async () => {
    await saveSetting(getDb(), 'reservedLocalParts', ['mailer-daemon', 'postmaster']);
    expect(await createAlias(admin, form({ localPart: 'Postmaster', goto: 'alice@a.example' }))).toEqual({ fieldErrors: { localPart: ['alias.errors.reserved'] } });
    expect(await createAlias(superadmin, form({ localPart: 'postmaster', goto: 'alice@a.example' }))).toMatchObject({ ok: true });
    // nor may they change or remove it
    const before = await snapshot();
    expect(await updateAlias(admin, edit({ address: 'postmaster@a.example', goto: 'me@evil.test' }))).toEqual({ message: 'alias.errors.reserved' });
    expect(await setAliasActive(admin, 'postmaster@a.example', false)).toEqual({ message: 'alias.errors.reserved' });
    expect(await deleteAlias(admin, 'postmaster@a.example')).toEqual({ message: 'alias.errors.reserved' });
    expect(await snapshot()).toEqual(before);
    expect(await updateAlias(superadmin, edit({ address: 'postmaster@a.example', goto: 'bob@b.example' }))).toMatchObject({ ok: true });
  });

  it('a domain admin cannot touch a foreign domain, nor a mailbox row through the alias pages', async () => {
    await addAlias('private@foreign-admin.example', 'carol@foreign-admin.example');
    const before = await snapshot();
    expect(await createAlias(admin, form({ domain: 'foreign-admin.example', localPart: 'x', goto: 'carol@foreign-admin.example' }))).toEqual({ message: 'errors.notFound' });
    expect(await createAlias(admin, form({ domain: 'missing.example', localPart: 'x', goto: 'carol@foreign-admin.example' }))).toEqual({ message: 'errors.notFound' });
    expect(await updateAlias(admin, edit({ address: 'private@foreign-admin.example', goto: 'me@evil.test' }))).toEqual({ message: 'errors.notFound' });
    expect(await setAliasActive(admin, 'private@foreign-admin.example', false)).toEqual({ message: 'errors.notFound' });
    expect(await deleteAlias(admin, 'private@foreign-admin.example')).toEqual({ message: 'errors.notFound' });
    expect(await deleteAlias(admin, 'alice@a.example')).toEqual({ message: 'errors.notFound' });
    expect(await updateAlias(admin, edit({ address: 'alice@a.example', goto: 'me@evil.test' }))).toEqual({ message: 'errors.notFound' });
    expect(await findAliasForActor(admin, 'private@foreign-admin.example')).toBeNull();
    expect(await findAliasForActor(admin, 'alice@a.example')).toBeNull();
    expect(await listAliases(admin, 'foreign-admin.example', {})).toBeNull();
    expect(await listAliases(admin, 'foreign-admin.example', { q: 'p', cursor: { kind: 'last' } })).toBeNull();
    expect(await snapshot()).toEqual(before);
  });
});

describe('[alias] edit, deactivate, delete', () => {
  it('editing records what changed; saving unchanged writes nothing', async () => {
    expect(await updateAlias(admin, edit({ address: 'sales@a.example', goto: 'bob@b.example', active: '' }))).toEqual({ ok: true, message: 'alias.saved' });
    expect(await lastLog('a.example')).toMatchObject({
      action: 'edit_alias',
      data: 'sales@a.example: goto: alice@a.example,friend@xn--bcher-kva.example -> bob@b.example; active: 1 -> 0',
    });
    const count = await getDb().log.count();
    expect(await updateAlias(admin, edit({ address: 'Sales@A.example', goto: 'BOB@b.example', active: '' }))).toEqual({ ok: true, message: 'alias.unchanged' });
    expect(await getDb().log.count()).toBe(count);
  });

  it('deactivating and deleting are audited', async () => {
    expect(await setAliasActive(admin, 'reach@a.example', false)).toEqual({ ok: true, message: 'alias.deactivated' });
    expect(await lastLog('a.example')).toMatchObject({ action: 'edit_alias_state', data: 'reach@a.example: active -> inactive' });
    expect(await deleteAlias(admin, 'reach@a.example')).toEqual({ ok: true, message: 'alias.deleted' });
    expect(await getDb().alias.findUnique({ where: { address: 'reach@a.example' } })).toBeNull();
    expect(await lastLog('a.example')).toMatchObject({ action: 'delete_alias', data: 'reach@a.example (was -> alice@alias-of-a.example,anyone@backup.example,x@gmail.test)' });
    expect(await deleteAlias(admin, 'reach@a.example')).toEqual({ message: 'errors.notFound' });
  });

  it('a failure half-way leaves nothing half-made (alias and audit row share one transaction)', async () => {
    await withSql(dbUrl(), (c) => c.query('RENAME TABLE log TO log_away'));
    try {
      await expect(createAlias(admin, form({ localPart: 'halfway', goto: 'alice@a.example' }))).rejects.toThrow();
      await expect(updateAlias(admin, edit({ address: 'sales@a.example', goto: 'alice@a.example' }))).rejects.toThrow();
    } finally {
      await withSql(dbUrl(), (c) => c.query('RENAME TABLE log_away TO log'));
    }
    expect(await getDb().alias.findUnique({ where: { address: 'halfway@a.example' } })).toBeNull();
    expect(await getDb().alias.findUnique({ where: { address: 'sales@a.example' }, select: { goto: true } })).toEqual({ goto: 'bob@b.example' });
  });
});

describe('[alias] limits', () => {
  it('the limit counts aliases, not mailboxes; -1 allows none', async () => {
    await addDomain('limited.example', { aliases: 2 });
    await addMailbox('box@limited.example');
    const lim = domainAdmin('limited.example');
    const make = (localPart: string) => createAlias(lim, form({ domain: 'limited.example', localPart, goto: 'box@limited.example' }));
    expect(await make('one')).toMatchObject({ ok: true });
    expect(await make('two')).toMatchObject({ ok: true });
    expect(await make('three')).toEqual({ message: 'alias.errors.limitReached' });
    await addDomain('none.example', { aliases: -1 });
    expect(await createAlias(domainAdmin('none.example'), form({ domain: 'none.example', localPart: 'x', goto: 'a@gmail.test' }))).toEqual({ message: 'alias.errors.limitDisabled' });
    expect(await getDb().alias.count({ where: { domain: { in: ['limited.example', 'none.example'] } } })).toBe(3);
  });

  it('holds under 20 concurrent creations (the domain row is locked while counting)', async () => {
    await addDomain('race.example', { aliases: 5 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createAlias(superadmin, form({ domain: 'race.example', localPart: `r${i}`, goto: 'x@gmail.test' }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 15 }, () => ({ message: 'alias.errors.limitReached' })));
    expect(await getDb().alias.count({ where: { domain: 'race.example' } })).toBe(5);
    expect(await getDb().log.count({ where: { domain: 'race.example', action: 'create_alias' } })).toBe(5);
  });
});

describe('[alias] form input written to break out', () => {
  it.each([
    ['localPart', { localPart: "x'; DROP TABLE alias;--" }, 'alias.errors.localPart'],
    ['localPart', { localPart: '<script>alert(1)</script>' }, 'alias.errors.localPart'],
    ['localPart', { localPart: 'a\nb' }, 'alias.errors.localPart'],
    ['localPart', { localPart: 'nul\u0000' }, 'alias.errors.localPart'],
    ['localPart', { localPart: 'a,b' }, 'alias.errors.localPart'],
    ['localPart', { localPart: 'x@evil.test' }, 'alias.errors.localPartAt'],
    ['localPart', { localPart: '' }, 'alias.errors.localPartRequired'],
    ['goto', { localPart: 'ok', goto: '' }, 'alias.errors.gotoRequired'],
    ['goto', { localPart: 'ok', goto: 'a@x.example, b@y.example' }, 'alias.errors.line'],
    ['goto', { localPart: 'ok', goto: 'good@x.example\n<script>@x.example' }, 'alias.errors.line'],
    ['goto', { localPart: 'ok', goto: "x'@x.example'); --" }, 'alias.errors.line'],
    ['kind', { kind: 'everything' }, 'alias.errors.kind'],
  ])('%s %j is refused', (field, fields, key) => {
    const parsed = createAliasSchema.safeParse({ domain: 'a.example', kind: 'address', goto: 'alice@a.example', ...fields });
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === field).map((i) => parseFieldMessage(i.message).key);
    expect(issues).toContain(key);
  });

  it('reports the address and the destinations at once', () => {
    const parsed = createAliasSchema.safeParse({ domain: 'a.example', kind: 'address', localPart: '', goto: 'bad line' });
    expect(parsed.success ? [] : parsed.error.issues.map((i) => [i.path[0], parseFieldMessage(i.message).key])).toEqual([
      ['goto', 'alias.errors.line'],
      ['localPart', 'alias.errors.localPartRequired'],
    ]);
    const long = createAliasSchema.safeParse({ domain: `${'d'.repeat(60)}.${'e'.repeat(60)}.${'f'.repeat(60)}.example`, kind: 'address', localPart: 'x'.repeat(64), goto: 'a@b.example' });
    expect(long.success ? [] : long.error.issues.map((i) => i.message)).toEqual(['alias.errors.addressTooLong']);
  });

  it("a valid but unusual local part (o'brien) is stored as typed and read back by Postfix's query", async () => {
    expect(await createAlias(admin, form({ localPart: "O'Brien", goto: 'alice@a.example' }))).toMatchObject({ ok: true });
    const rows = await withSql(dbUrl(), (c) => c.query("SELECT goto FROM alias WHERE address='o\\'brien@a.example' AND active = '1'"));
    expect(rows).toEqual([{ goto: 'alice@a.example' }]);
  });
});

describe('[alias] list', () => {
  beforeAll(async () => {
    await addDomain('list.example');
    for (const n of ['m1', 'm2', 'zz']) await addMailbox(`${n}@list.example`);
    for (let i = 0; i < 30; i++) await addAlias(`a${String(i).padStart(2, '0')}@list.example`, 'x@gmail.test');
    await addAlias('100%_off@list.example', 'x@gmail.test');
    await addAlias('@list.example', 'm1@list.example');
  });

  it('is paged by address, in address order, without the mailboxes', async () => {
    const p1 = await listAliases(admin, 'list.example', {});
    expect(p1).toBeNull();
    const p = await listAliases(superadmin, 'list.example', {});
    expect(p).toMatchObject({ total: { count: 32, isMore: false }, previous: null, next: 'a22@list.example' });
    expect(p?.rows).toHaveLength(25);
    expect(p?.rows.map((r) => r.address).slice(0, 3)).toEqual(['100%_off@list.example', '@list.example', 'a00@list.example']);
    expect(p?.rows[1]).toMatchObject({ isCatchAll: true, destinations: ['m1@list.example'] });
    const p2 = await listAliases(superadmin, 'list.example', { cursor: { kind: 'after', key: p?.next ?? '' } });
    expect(p2?.rows.map((r) => r.address)).toEqual(['a23@list.example', 'a24@list.example', 'a25@list.example', 'a26@list.example', 'a27@list.example', 'a28@list.example', 'a29@list.example']);
    expect(p2).toMatchObject({ previous: 'a23@list.example', next: null });
    expect((await listAliases(superadmin, 'list.example', { cursor: { kind: 'after', key: 'zz@list.example' } }))?.rows.map((r) => r.address)).toEqual(
      Array.from({ length: 25 }, (_, i) => `a${String(i + 5).padStart(2, '0')}@list.example`),
    );
  });

  it('searches by address prefix; LIKE wildcards typed are literal', async () => {
    expect((await listAliases(superadmin, 'list.example', { q: 'A1' }))?.rows.map((r) => r.address)).toEqual(Array.from({ length: 10 }, (_, i) => `a1${i}@list.example`));
    for (const q of ['m', '%', '_', "'", '😀']) expect((await listAliases(superadmin, 'list.example', { q }))?.total, q).toEqual({ count: 0, isMore: false });
    expect((await listAliases(superadmin, 'list.example', { q: '100%_' }))?.rows.map((r) => r.address)).toEqual(['100%_off@list.example']);
  });
});
