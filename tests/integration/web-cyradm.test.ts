import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { runWebCyradmImport, type ImportOutcome } from '@/lib/import/web-cyradm/importer';
import type { ImportPlan } from '@/lib/import/web-cyradm/types';
import { verifyPassword } from '@/lib/passwords/hash';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { createWebCyradmDatabase, cyradmTargets, mailroomTargets } from './helpers/web-cyradm';

// Importing the fixture web-cyradm database (its own create_mysql.sql, realistic rows): counts,
// passwords that still verify (Mailroom and Dovecot), and every alias answering Postfix's Mailroom
// query exactly as it answered Postfix's web-cyradm query. All or nothing; superadmins only.

const run = promisify(execFile);
const appUrl = useMigratedDatabase();
let source = '';
const request = (over: Partial<Parameters<typeof runWebCyradmImport>[1]> = {}) => ({ url: source, passwords: 'auto' as const, adminDomain: 'example.org', cyrusQuotas: false, dryRun: false, ...over });
const planOf = (o: ImportOutcome): ImportPlan => {
  if (!o.ok) throw new Error(`import failed: ${o.key} ${o.detail}`);
  return o.plan;
};
const reasons = (plan: ImportPlan) => plan.skipped.map((s) => `${s.kind} ${s.name}: ${s.key.replace(/^import\.reasons\./, '')}`);
const count = async (table: string) => Number((await withSql(appUrl(), (c) => c.query(`SELECT COUNT(*) AS n FROM \`${table}\``)))[0].n);

// every alias key of the fixture, as Postfix would look it up (lowercase)
const KEYS = [
  '@shop.example', 'alice@example.org', 'bob@example.org', 'carol@example.org', 'dave@example.org', 'erin@example.org', 'old-mysql@example.org',
  'frank@shop.example', 'gina@shop.example', 'info@legacy.example', 'leg0001', 'info@example.org', 'postmaster@example.org', 'team@example.org',
  'sales@shop.example', 'old@example.org', 'relay@relay.example',
];
const NOT_IMPORTED = ['erin@example.org', 'old-mysql@example.org', 'info@legacy.example', 'leg0001', 'old@example.org'];
const PASSWORDS: [string, string][] = [
  ['alice@example.org', 'alice-secret'], ['bob@example.org', 'bob-secret'], ['carol@example.org', 'carol-secret'],
  ['dave@example.org', 'dave-secret'], ['frank@shop.example', 'frank-secret'], ['gina@shop.example', 'gina-secret'],
];

beforeAll(async () => {
  source = await createWebCyradmDatabase();
});

describe('[import] web-cyradm dry run', () => {
  it('reports what will be created and what cannot be, with reasons, and changes nothing', async () => {
    const plan = planOf(await runWebCyradmImport(superadmin, request({ dryRun: true })));
    expect(plan.domains.map((d) => [d.domain, d.mailboxes, d.maxquotaMb, d.quotaMb, d.transport, d.folders.join(',')])).toEqual([
      ['example.org', 50, 20, 500, 'cyrus', 'Sent,Drafts,Trash,Junk'],
      ['legacy.example', 20, 20, 0, 'cyrus', 'Sent'],
      ['relay.example', -1, 0, 0, 'smtp:[mx.relay.example]', ''],
      ['shop.example', 5, 11, 0, 'cyrus', 'Sent,Trash'],
    ]);
    expect(plan.mailboxes.map((m) => m.username).sort()).toEqual(PASSWORDS.map(([u]) => u).sort());
    expect(plan.aliases).toHaveLength(12);
    expect(plan.admins.map((a) => [a.username, a.superadmin, a.domains])).toEqual([
      ['admin@example.org', true, []],
      ['postmaster@example.org', false, ['example.org', 'shop.example']],
      ['shopkeeper@example.org', false, ['shop.example']],
    ]);
    expect(reasons(plan).sort()).toEqual([
      'account ERIN@example.org: accountCaseConflict', 'account cyrus: cyrusAdmin', 'account erin@example.org: accountCaseConflict',
      'account leg0001: accountNotAddress', 'account old-mysql@example.org: passwordMysql',
      'alias erin@example.org: aliasAccountSkipped', 'alias info@legacy.example: aliasTarget', 'alias leg0001: aliasNotAddress',
      'alias old-mysql@example.org: aliasAccountSkipped', 'alias old@example.org -> alice@example.org: aliasInactive',
    ]);
    for (const table of ['domain', 'mailbox', 'alias', 'admin', 'domain_admins', 'log', 'mailroom_domain_storage']) expect(await count(table)).toBe(0);
  });

  it('is for superadmins only (the same answer as a missing page)', async () => {
    expect(await runWebCyradmImport(domainAdmin('example.org'), request())).toMatchObject({ ok: false, key: 'errors.notFound' });
    expect(await count('domain')).toBe(0);
  });

  it('explains a source it cannot use, without its password', async () => {
    const bad = new URL(source);
    bad.password = 'wrong-pass-word';
    const refused = await runWebCyradmImport(superadmin, request({ url: bad.toString() }));
    expect(refused).toMatchObject({ ok: false, key: 'import.errors.connect' });
    expect(JSON.stringify(refused)).not.toContain('wrong-pass-word');
    expect(await runWebCyradmImport(superadmin, request({ url: appUrl() }))).toMatchObject({ ok: false, key: 'import.errors.notWebCyradm' });
  });
});

describe('[import] web-cyradm import is all or nothing', () => {
  it('rolls everything back when one row fails', async () => {
    const failing = await createWebCyradmDatabase(`
      INSERT INTO domain (domain_name, prefix) VALUES ('fail.example', 'fail');
      INSERT INTO accountuser (username, password, domain_name) VALUES ('ann@fail.example', 'secret', 'fail.example');
      INSERT INTO virtual (alias, dest, username) VALUES ('boom@fail.example', 'ann@fail.example', 'fail.example');
      INSERT INTO adminuser (username, password, type) VALUES ('boss@fail.example', 'secret', 0);`);
    await withSql(appUrl(), (c) => c.query("CREATE TRIGGER boom BEFORE INSERT ON alias FOR EACH ROW BEGIN IF NEW.address = 'boom@fail.example' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'boom'; END IF; END"));
    try {
      expect(await runWebCyradmImport(superadmin, request({ url: failing }))).toMatchObject({ ok: false, key: 'import.errors.failed' });
    } finally {
      await withSql(appUrl(), (c) => c.query('DROP TRIGGER boom'));
    }
    for (const table of ['domain', 'mailbox', 'alias', 'admin', 'domain_admins', 'log', 'mailroom_domain_storage']) expect(await count(table)).toBe(0);
  });
});

describe('[import] web-cyradm import', () => {
  let plan: ImportPlan;
  let before: Record<string, string[]>;
  beforeAll(async () => {
    before = Object.fromEntries(await Promise.all(KEYS.map(async (k) => [k, await cyradmTargets(source, k)] as const)));
    plan = planOf(await runWebCyradmImport(superadmin, request()));
  });

  it('creates the planned rows, domains stored on Cyrus with their folders, every creation audited', async () => {
    expect([await count('domain'), await count('mailbox'), await count('alias'), await count('admin')]).toEqual([4, 6, 12, 3]);
    expect(await getDb().mailroomDomainStorage.findMany({ select: { domain: true, backend: true, folders: true }, orderBy: { domain: 'asc' } })).toEqual([
      { domain: 'example.org', backend: 'cyrus', folders: 'Sent, Drafts, Trash, Junk' },
      { domain: 'legacy.example', backend: 'cyrus', folders: 'Sent' },
      { domain: 'relay.example', backend: 'cyrus', folders: '' },
      { domain: 'shop.example', backend: 'cyrus', folders: 'Sent, Trash' },
    ]);
    const mailbox = await getDb().mailbox.findUnique({ where: { username: 'dave@example.org' }, select: { maildir: true, quota: true, localPart: true, active: true } });
    expect(mailbox).toEqual({ maildir: 'example.org/dave/', quota: 20_480_000n, localPart: 'dave', active: true });
    const logs = await getDb().log.groupBy({ by: ['action'], _count: { _all: true }, orderBy: { action: 'asc' } });
    expect(logs.map((l) => [l.action, l._count._all])).toEqual([['create_admin', 6], ['create_alias', 6], ['create_domain', 4], ['create_mailbox', 6]]);
  });

  it('keeps every password: Mailroom verifies each, Dovecot too', async () => {
    for (const [username, plain] of PASSWORDS) {
      const { password } = await getDb().mailbox.findUniqueOrThrow({ where: { username }, select: { password: true } });
      expect(await verifyPassword(plain, password), username).toBe(true);
      expect(await verifyPassword(`wrong-${plain}`, password), username).toBe(false);
      await expect(run('doveadm', ['pw', '-t', password, '-p', plain]), `doveadm for ${username} (${password})`).resolves.toBeDefined();
    }
    const admins = Object.fromEntries((await getDb().admin.findMany({ select: { username: true, password: true, superadmin: true } })).map((a) => [a.username, a]));
    expect(await verifyPassword('test', admins['admin@example.org']?.password ?? '')).toBe(true);
    expect(await verifyPassword('pm-secret', admins['postmaster@example.org']?.password ?? '')).toBe(true);
    expect(await verifyPassword('keeper-secret', admins['shopkeeper@example.org']?.password ?? '')).toBe(true);
    expect(await getDb().domainAdmin.findMany({ select: { username: true, domain: true }, orderBy: [{ username: 'asc' }, { domain: 'asc' }] })).toEqual([
      { username: 'admin@example.org', domain: 'ALL' },
      { username: 'postmaster@example.org', domain: 'example.org' },
      { username: 'postmaster@example.org', domain: 'shop.example' },
      { username: 'shopkeeper@example.org', domain: 'shop.example' },
    ]);
  });

  it.each(KEYS.filter((k) => !NOT_IMPORTED.includes(k)))('Postfix resolves %s the same before and after', async (key) => {
    expect(before[key]?.length).toBeGreaterThan(0);
    expect(await mailroomTargets(appUrl(), key)).toEqual(before[key]);
  });

  it('reported every alias it did not import, and those are not in Mailroom', async () => {
    const reported = plan.skipped.filter((s) => s.kind === 'alias').map((s) => s.name.split(' ')[0]?.toLowerCase());
    for (const key of NOT_IMPORTED) {
      expect(reported).toContain(key);
      expect(await mailroomTargets(appUrl(), key)).toEqual([]);
    }
  });

  it('imports nothing twice: a second run finds everything in place', async () => {
    const again = planOf(await runWebCyradmImport(superadmin, request()));
    expect([again.domains.length, again.mailboxes.length, again.aliases.length, again.admins.length]).toEqual([0, 0, 0, 0]);
    expect(reasons(again)).toEqual(expect.arrayContaining(['domain example.org: domainExists', 'admin admin: adminExists']));
    expect(await count('mailbox')).toBe(6);
  });
});
