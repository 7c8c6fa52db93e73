import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assignDomainAdmin, unassignDomainAdmin } from '@/lib/admins/assignments';
import { joinRepeatedField } from '@/lib/admins/domains-field';
import { changeOwnPassword, resetAdminPassword } from '@/lib/admins/passwords';
import { findAdminForActor, listAdmins, listDomainAdmins } from '@/lib/admins/queries';
import { changeOwnPasswordSchema, createAdminSchema, resetAdminPasswordSchema, updateAdminSchema } from '@/lib/admins/schema';
import { createAdmin, deleteAdmin, updateAdmin } from '@/lib/admins/service';
import { getDb } from '@/lib/db/client';
import { listDomainLog } from '@/lib/domains/queries';
import { verifyPassword } from '@/lib/passwords/hash';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';

const dbUrl = useMigratedDatabase();
const MIN = 10;
const PW = 'a long enough password';

/** The admin forms as a browser posts them (checkbox domains repeated), through the actions' schemas. */
function fd(fields: Record<string, string | string[]>): Record<string, FormDataEntryValue> {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) data.append(k, x);
  return Object.fromEntries(joinRepeatedField(data, 'domains').entries());
}
const createForm = (f: Record<string, string | string[]>) => createAdminSchema(MIN).parse(fd({ password: PW, passwordConfirm: PW, active: 'on', ...f }));
const updateForm = (f: Record<string, string | string[]>) => updateAdminSchema.parse(fd(f));

const db = () => getDb();
const rowsOf = async (username: string) =>
  (await db().domainAdmin.findMany({ where: { username }, orderBy: { domain: 'asc' }, select: { domain: true, active: true } })).map((r) => `${r.domain}${r.active ? '' : ' (inactive)'}`);
const flagOf = async (username: string) => (await db().admin.findUnique({ where: { username }, select: { superadmin: true, active: true } })) ?? null;
const lastLog = async (n = 1) => (await db().log.findMany({ orderBy: { id: 'desc' }, take: n, select: { domain: true, action: true, data: true } })).reverse();
const asActor = (username: string) => ({ ...superadmin, username, auditName: username });

async function seedDomains(...names: string[]) {
  for (const domain of names) await db().domain.create({ data: { domain, description: '', transport: 'virtual' } });
}

describe('[admin] create', () => {
  it('a domain admin gets one domain_admins row per domain, a bcrypt password and audit rows on each domain', async () => {
    await seedDomains('one.example', 'two.example', 'three.example');
    const r = await createAdmin(superadmin, createForm({ username: ' Alice@One.Example ', domains: ['two.example', 'one.example'] }));
    expect(r).toEqual({ ok: true, message: 'admin.created' });
    expect(await flagOf('alice@one.example')).toEqual({ superadmin: false, active: true });
    expect(await rowsOf('alice@one.example')).toEqual(['one.example', 'two.example']);
    const { password } = await db().admin.findUniqueOrThrow({ where: { username: 'alice@one.example' } });
    expect(password).toMatch(/^\{BLF-CRYPT\}\$2b\$/);
    expect(await verifyPassword(PW, password)).toBe(true);
    expect(await lastLog(3)).toEqual([
      { domain: '', action: 'create_admin', data: 'alice@one.example' },
      { domain: 'one.example', action: 'create_admin', data: 'alice@one.example: assigned' },
      { domain: 'two.example', action: 'create_admin', data: 'alice@one.example: assigned' },
    ]);
    // the assignment shows on that domain's Activity page
    expect((await listDomainLog(superadmin, 'two.example', {}))?.rows.map((l) => l.data)).toContain('alice@one.example: assigned');
  });

  it('a superadmin gets both the flag and the ALL row', async () => {
    expect(await createAdmin(superadmin, createForm({ username: 'boss@one.example', superadmin: 'on' }))).toMatchObject({ ok: true });
    expect(await flagOf('boss@one.example')).toEqual({ superadmin: true, active: true });
    expect(await rowsOf('boss@one.example')).toEqual(['ALL']);
    expect(await lastLog()).toEqual([{ domain: '', action: 'create_admin', data: 'boss@one.example (superadmin)' }]);
  });

  it('refuses an existing username (any case), an unknown domain, and a domain admin; nothing is written', async () => {
    const count = await db().log.count();
    expect(await createAdmin(superadmin, createForm({ username: 'ALICE@one.example' }))).toEqual({ message: 'errors.checkFields', fieldErrors: { username: ['admin.errors.exists'] } });
    expect(await createAdmin(superadmin, createForm({ username: 'carol@one.example', domains: ['one.example', 'missing.example'] }))).toEqual({
      message: 'errors.checkFields',
      fieldErrors: { domains: ['admin.errors.unknownDomain'] },
    });
    expect(await createAdmin(domainAdmin('one.example'), createForm({ username: 'sneaky@one.example', superadmin: 'on' }))).toEqual({ message: 'errors.notFound' });
    expect(await db().admin.count({ where: { username: { in: ['carol@one.example', 'sneaky@one.example'] } } })).toBe(0);
    expect(await db().domainAdmin.count({ where: { username: { in: ['carol@one.example', 'sneaky@one.example'] } } })).toBe(0);
    expect(await db().log.count()).toBe(count);
  });

  it('stores an address written to break out of SQL verbatim, and clears rows left behind for that name', async () => {
    await db().domainAdmin.create({ data: { username: "o'brien+x@one.example", domain: 'three.example' } });
    const r = await createAdmin(superadmin, createForm({ username: "O'Brien+x@one.example", domains: 'one.example' }));
    expect(r).toMatchObject({ ok: true });
    expect(await rowsOf("o'brien+x@one.example")).toEqual(['one.example']);
  });

  it('a failure half-way leaves no admin, no rows and no log (one transaction)', async () => {
    await withSql(dbUrl(), (c) => c.query('RENAME TABLE log TO log_away'));
    try {
      await expect(createAdmin(superadmin, createForm({ username: 'halfway@one.example', superadmin: 'on', domains: 'one.example' }))).rejects.toThrow();
    } finally {
      await withSql(dbUrl(), (c) => c.query('RENAME TABLE log_away TO log'));
    }
    expect(await flagOf('halfway@one.example')).toBeNull();
    expect(await rowsOf('halfway@one.example')).toEqual([]);
  });
});

describe("[admin] PostfixAdmin's ALL convention", () => {
  it('an admin with an ALL row but superadmin = 0 is read as a superadmin, and saving writes both consistently', async () => {
    await db().admin.create({ data: { username: 'legacy@one.example', password: 'x', superadmin: false } });
    await db().domainAdmin.create({ data: { username: 'legacy@one.example', domain: 'ALL' } });
    expect(await findAdminForActor(superadmin, 'LEGACY@one.example')).toMatchObject({ isSuperadmin: true, domains: [] });
    expect((await listAdmins(superadmin, { q: 'legacy' }))?.rows).toMatchObject([{ username: 'legacy@one.example', isSuperadmin: true }]);

    expect(await updateAdmin(superadmin, updateForm({ username: 'legacy@one.example', superadmin: 'on', active: 'on', domains: 'one.example' }))).toEqual({ ok: true, message: 'admin.saved' });
    expect(await flagOf('legacy@one.example')).toEqual({ superadmin: true, active: true });
    expect(await rowsOf('legacy@one.example')).toEqual(['ALL', 'one.example']);

    expect(await updateAdmin(superadmin, updateForm({ username: 'legacy@one.example', active: 'on', domains: 'one.example' }))).toEqual({ ok: true, message: 'admin.saved' });
    expect(await flagOf('legacy@one.example')).toEqual({ superadmin: false, active: true });
    expect(await rowsOf('legacy@one.example')).toEqual(['one.example']);
    expect(await lastLog()).toEqual([{ domain: '', action: 'edit_admin', data: 'legacy@one.example: superadmin: yes -> no' }]);
  });

  it('an inactive ALL row does not make a superadmin', async () => {
    await db().admin.create({ data: { username: 'halfold@one.example', password: 'x' } });
    await db().domainAdmin.create({ data: { username: 'halfold@one.example', domain: 'ALL', active: false } });
    expect(await findAdminForActor(superadmin, 'halfold@one.example')).toMatchObject({ isSuperadmin: false });
  });
});

describe('[admin] edit', () => {
  it('domain changes add and remove rows, each audited on its own domain; an unchanged save writes nothing', async () => {
    const r = await updateAdmin(superadmin, updateForm({ username: 'alice@one.example', active: 'on', domains: ['two.example', 'three.example'] }));
    expect(r).toEqual({ ok: true, message: 'admin.saved' });
    expect(await rowsOf('alice@one.example')).toEqual(['three.example', 'two.example']);
    expect(await lastLog(2)).toEqual([
      { domain: 'three.example', action: 'edit_admin', data: 'alice@one.example: assigned' },
      { domain: 'one.example', action: 'edit_admin', data: 'alice@one.example: unassigned' },
    ]);
    const count = await db().log.count();
    expect(await updateAdmin(superadmin, updateForm({ username: 'alice@one.example', active: 'on', domains: ['three.example', 'two.example'] }))).toEqual({ ok: true, message: 'admin.unchanged' });
    expect(await db().log.count()).toBe(count);
  });

  it('deactivating is audited at admin level; an unknown domain or admin changes nothing', async () => {
    expect(await updateAdmin(superadmin, updateForm({ username: 'alice@one.example', domains: ['two.example', 'three.example'] }))).toMatchObject({ ok: true });
    expect(await flagOf('alice@one.example')).toEqual({ superadmin: false, active: false });
    expect(await lastLog()).toEqual([{ domain: '', action: 'edit_admin', data: 'alice@one.example: active: yes -> no' }]);
    const count = await db().log.count();
    expect(await updateAdmin(superadmin, updateForm({ username: 'alice@one.example', active: 'on', domains: 'nowhere.example' }))).toMatchObject({ fieldErrors: { domains: ['admin.errors.unknownDomain'] } });
    expect(await updateAdmin(superadmin, updateForm({ username: 'ghost@one.example', active: 'on' }))).toEqual({ message: 'errors.notFound' });
    expect(await updateAdmin(domainAdmin('two.example'), updateForm({ username: 'alice@one.example', superadmin: 'on', active: 'on' }))).toEqual({ message: 'errors.notFound' });
    expect(await flagOf('alice@one.example')).toEqual({ superadmin: false, active: false });
    expect(await rowsOf('alice@one.example')).toEqual(['three.example', 'two.example']);
    expect(await db().log.count()).toBe(count);
  });
});

describe('[admin] nobody removes themselves, and the last active superadmin stays', () => {
  it('refuses demoting, deactivating or deleting yourself', async () => {
    const me = asActor('boss@one.example');
    expect(await updateAdmin(me, updateForm({ username: 'boss@one.example', active: 'on' }))).toEqual({ message: 'errors.checkFields', fieldErrors: { superadmin: ['admin.errors.selfDemote'] } });
    expect(await updateAdmin(me, updateForm({ username: 'boss@one.example', superadmin: 'on' }))).toEqual({ message: 'errors.checkFields', fieldErrors: { active: ['admin.errors.selfDeactivate'] } });
    expect(await deleteAdmin(me, 'boss@one.example')).toEqual({ message: 'admin.errors.selfDelete' });
    expect(await flagOf('boss@one.example')).toEqual({ superadmin: true, active: true });
    expect(await rowsOf('boss@one.example')).toEqual(['ALL']);
  });

  it('refuses taking away the last active superadmin, whoever asks (a session loaded before its own demotion)', async () => {
    // boss is now the only active superadmin: legacy was demoted, an inactive superadmin does not count
    await db().admin.create({ data: { username: 'sleeping@one.example', password: 'x', superadmin: true, active: false } });
    const stale = asActor('demoted-meanwhile@one.example');
    const count = await db().log.count();
    expect(await updateAdmin(stale, updateForm({ username: 'boss@one.example', active: 'on' }))).toEqual({ message: 'admin.errors.lastSuperadmin' });
    expect(await updateAdmin(stale, updateForm({ username: 'boss@one.example', superadmin: 'on' }))).toEqual({ message: 'admin.errors.lastSuperadmin' });
    expect(await deleteAdmin(stale, 'boss@one.example')).toEqual({ message: 'admin.errors.lastSuperadmin' });
    expect(await flagOf('boss@one.example')).toEqual({ superadmin: true, active: true });
    expect(await rowsOf('boss@one.example')).toEqual(['ALL']);
    expect(await db().log.count()).toBe(count);
  });

  it('two superadmins demoting (or deleting) each other at once: exactly one succeeds', async () => {
    expect(await createAdmin(superadmin, createForm({ username: 'second@one.example', superadmin: 'on' }))).toMatchObject({ ok: true });
    const boss = asActor('boss@one.example');
    const second = asActor('second@one.example');
    const results = await Promise.all([
      updateAdmin(boss, updateForm({ username: 'second@one.example', active: 'on' })),
      updateAdmin(second, updateForm({ username: 'boss@one.example', active: 'on' })),
    ]);
    expect(results.map((r) => r.message).sort()).toEqual(['admin.errors.lastSuperadmin', 'admin.saved']);
    const supers = await db().admin.findMany({ where: { superadmin: true, active: true }, select: { username: true } });
    expect(supers).toHaveLength(1);
    expect(await db().domainAdmin.findMany({ where: { domain: 'ALL', active: true }, select: { username: true } })).toEqual(supers);

    const survivor = supers[0]?.username ?? '';
    const other = survivor === 'boss@one.example' ? 'second@one.example' : 'boss@one.example';
    expect(await updateAdmin(asActor(survivor), updateForm({ username: other, superadmin: 'on', active: 'on' }))).toMatchObject({ ok: true });
    const deletions = await Promise.all([deleteAdmin(asActor(survivor), other), deleteAdmin(asActor(other), survivor)]);
    expect(deletions.map((r) => r.message).sort()).toEqual(['admin.deleted', 'admin.errors.lastSuperadmin']);
    expect(await db().admin.count({ where: { superadmin: true, active: true } })).toBe(1);
  });
});

describe('[admin] passwords', () => {
  const resetForm = (f: Record<string, string>) => resetAdminPasswordSchema(MIN).parse(fd(f));
  const ownForm = (f: Record<string, string>) => changeOwnPasswordSchema(MIN).parse(fd(f));

  it("the superadmin resets another admin's password; the log says so without the secret", async () => {
    const r = await resetAdminPassword(superadmin, resetForm({ username: 'alice@one.example', password: 'brand new secret', passwordConfirm: 'brand new secret' }));
    expect(r).toEqual({ ok: true, message: 'admin.passwordReset' });
    const { password } = await db().admin.findUniqueOrThrow({ where: { username: 'alice@one.example' } });
    expect(await verifyPassword('brand new secret', password)).toBe(true);
    expect(await lastLog()).toEqual([{ domain: '', action: 'edit_admin', data: 'alice@one.example: password reset' }]);
  });

  it('refuses resetting your own password there, a domain admin, and an unknown admin', async () => {
    const before = await db().admin.findUniqueOrThrow({ where: { username: 'alice@one.example' } });
    const input = resetForm({ username: 'alice@one.example', password: 'another secret!', passwordConfirm: 'another secret!' });
    expect(await resetAdminPassword(asActor('alice@one.example'), input)).toEqual({ message: 'admin.errors.ownPassword' });
    expect(await resetAdminPassword(domainAdmin('two.example'), input)).toEqual({ message: 'errors.notFound' });
    expect(await resetAdminPassword(superadmin, { ...input, username: 'ghost@one.example' })).toEqual({ message: 'errors.notFound' });
    expect((await db().admin.findUniqueOrThrow({ where: { username: 'alice@one.example' } })).password).toBe(before.password);
  });

  it('an admin changes their own password only with the current one (a PostfixAdmin md5crypt hash works too)', async () => {
    const md5 = execFileSync('openssl', ['passwd', '-1', 'old secret pw'], { encoding: 'utf8' }).trim();
    await db().admin.create({ data: { username: 'md5@one.example', password: md5 } });
    const me = { ...domainAdmin('one.example'), username: 'md5@one.example' };

    expect(await changeOwnPassword(me, ownForm({ currentPassword: 'wrong guess', password: 'new secret pw', passwordConfirm: 'new secret pw' }))).toEqual({
      message: 'errors.checkFields',
      fieldErrors: { currentPassword: ['profile.errors.currentWrong'] },
    });
    expect((await db().admin.findUniqueOrThrow({ where: { username: 'md5@one.example' } })).password).toBe(md5);

    expect(await changeOwnPassword(me, ownForm({ currentPassword: 'old secret pw', password: 'new secret pw', passwordConfirm: 'new secret pw' }))).toEqual({ ok: true, message: 'profile.passwordChanged' });
    const { password } = await db().admin.findUniqueOrThrow({ where: { username: 'md5@one.example' } });
    expect(password).toMatch(/^\{BLF-CRYPT\}/);
    expect(await verifyPassword('new secret pw', password)).toBe(true);
    const [log] = await lastLog();
    expect(log).toEqual({ domain: '', action: 'edit_admin', data: 'md5@one.example: password changed' });
    expect(log?.data).not.toContain('secret');
  });

  it('the new password follows the settings minimum and must be confirmed', () => {
    const r = changeOwnPasswordSchema(16).safeParse({ currentPassword: '', password: 'fifteen chars!!', passwordConfirm: 'other' });
    expect(r.success).toBe(false);
    const messages = Object.fromEntries((r.error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));
    expect(messages).toEqual({ currentPassword: 'profile.errors.currentRequired', password: 'admin.errors.passwordTooShort', passwordConfirm: 'password.errors.mismatch' });
  });
});

describe('[admin] assignments from the domain page', () => {
  it('assigns and unassigns, audited on the domain; refusals change nothing', async () => {
    const assign = (actor: Parameters<typeof assignDomainAdmin>[0], username: string, domain: string) => assignDomainAdmin(actor, { username, domain });
    expect(await assign(superadmin, 'md5@one.example', 'two.example')).toEqual({ ok: true, message: 'admin.assigned' });
    expect(await rowsOf('md5@one.example')).toEqual(['two.example']);
    expect(await lastLog()).toEqual([{ domain: 'two.example', action: 'edit_admin', data: 'md5@one.example: assigned' }]);

    const count = await db().log.count();
    expect(await assign(superadmin, 'md5@one.example', 'two.example')).toEqual({ message: 'errors.checkFields', fieldErrors: { username: ['admin.errors.alreadyAssigned'] } });
    expect(await assign(superadmin, 'ghost@one.example', 'two.example')).toEqual({ message: 'errors.checkFields', fieldErrors: { username: ['admin.errors.noSuchAdmin'] } });
    expect(await assign(superadmin, 'md5@one.example', 'missing.example')).toEqual({ message: 'errors.notFound' });
    expect(await assign(superadmin, 'md5@one.example', 'all')).toEqual({ message: 'errors.notFound' });
    expect(await assign(domainAdmin('three.example'), 'md5@one.example', 'three.example')).toEqual({ message: 'errors.notFound' });
    expect(await unassignDomainAdmin(domainAdmin('two.example'), { username: 'md5@one.example', domain: 'two.example' })).toEqual({ message: 'errors.notFound' });
    expect(await unassignDomainAdmin(superadmin, { username: 'boss@one.example', domain: 'all' })).toEqual({ message: 'errors.notFound' });
    expect(await rowsOf('md5@one.example')).toEqual(['two.example']);
    expect(await db().log.count()).toBe(count);

    const page = await listDomainAdmins(superadmin, 'TWO.example');
    expect(page?.assigned.map((a) => a.username)).toEqual(['alice@one.example', 'md5@one.example']);
    expect(page?.assignable.map((a) => a.username)).not.toContain('boss@one.example'); // superadmins manage it anyway
    expect(await listDomainAdmins(domainAdmin('two.example'), 'two.example')).toBeNull();
    expect(await listDomainAdmins(superadmin, 'missing.example')).toBeNull();

    expect(await unassignDomainAdmin(superadmin, { username: 'md5@one.example', domain: 'two.example' })).toEqual({ ok: true, message: 'admin.unassigned' });
    expect(await rowsOf('md5@one.example')).toEqual([]);
    expect(await lastLog()).toEqual([{ domain: 'two.example', action: 'edit_admin', data: 'md5@one.example: unassigned' }]);
    expect(await unassignDomainAdmin(superadmin, { username: 'md5@one.example', domain: 'two.example' })).toEqual({ message: 'errors.notFound' });
  });
});

describe('[admin] delete and list', () => {
  it('deleting removes the admin and its rows, audited at admin level and on each domain', async () => {
    expect(await deleteAdmin(domainAdmin('two.example'), 'alice@one.example')).toEqual({ message: 'errors.notFound' });
    expect(await deleteAdmin(superadmin, 'alice@one.example')).toEqual({ ok: true, message: 'admin.deleted' });
    expect(await flagOf('alice@one.example')).toBeNull();
    expect(await rowsOf('alice@one.example')).toEqual([]);
    expect(await lastLog(3)).toEqual([
      { domain: '', action: 'delete_admin', data: 'alice@one.example' },
      { domain: 'three.example', action: 'delete_admin', data: 'alice@one.example' },
      { domain: 'two.example', action: 'delete_admin', data: 'alice@one.example' },
    ]);
    expect(await deleteAdmin(superadmin, 'alice@one.example')).toEqual({ message: 'errors.notFound' });
  });

  it('lists are paginated, searchable by name or by domain, and only for superadmins', async () => {
    for (let i = 0; i < 27; i++) await db().admin.create({ data: { username: `bulk${String(i).padStart(2, '0')}@many.example`, password: 'x' } });
    await db().domainAdmin.create({ data: { username: 'bulk07@many.example', domain: 'three.example' } });
    const page1 = await listAdmins(superadmin, { q: 'many.example' });
    expect(page1).toMatchObject({ total: 27, page: 1, pageCount: 2 });
    expect(page1?.rows).toHaveLength(25);
    expect((await listAdmins(superadmin, { q: 'many.example', page: 2 }))?.rows.map((r) => r.username)).toEqual(['bulk25@many.example', 'bulk26@many.example']);
    expect((await listAdmins(superadmin, { q: 'THREE.example' }))?.rows.map((r) => r.username)).toEqual(['bulk07@many.example']);
    expect(await listAdmins(domainAdmin('three.example'), {})).toBeNull();
    expect(await findAdminForActor(domainAdmin('three.example'), 'bulk07@many.example')).toBeNull();
  });
});
