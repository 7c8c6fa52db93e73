import { execFileSync } from 'node:child_process';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { authenticate } from '@/lib/auth/authenticate';
import { getDb } from '@/lib/db/client';
import { hashPassword, verifyPassword } from '@/lib/passwords/hash';
import { useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';

// The session helpers read next-auth's session and the request headers: both are stubbed here with
// what next-auth would decode from the cookie, so getActor/getMailboxOwner run against the real database.
const session = vi.hoisted(() => ({ current: null as null | { user: { username: string; kind: 'admin' | 'mailbox' }; lastActivity: number; loginAt: number } }));
vi.mock('next-auth', async (importOriginal) => ({ ...(await importOriginal<typeof import('next-auth')>()), getServerSession: async () => session.current }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '192.0.2.7' }) }));

const dbUrl = useMigratedDatabase();
const md5crypt = (plain: string) => execFileSync('openssl', ['passwd', '-1', plain], { encoding: 'utf8' }).trim();
const DOVECOT_PASSWORD_QUERY = "SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = '1'";

async function mailbox(username: string, password: string, opts: { active?: boolean; quota?: bigint } = {}) {
  const [localPart = '', domain = ''] = username.split('@');
  await getDb().mailbox.create({ data: { username, password, name: `Owner of ${localPart}`, maildir: `${domain}/${localPart}/`, localPart, domain, quota: opts.quota ?? 0n, active: opts.active ?? true } });
}

beforeAll(async () => {
  const db = getDb();
  await db.domain.create({ data: { domain: 'mail.example', description: '', transport: 'virtual' } });
  await db.domain.create({ data: { domain: 'closed.example', description: '', transport: 'virtual', active: false } });
  await mailbox('legacy@mail.example', md5crypt('md5 owner pw'), { quota: 10_240_000n });
  await mailbox('php@mail.example', (await hashPassword('bcrypt owner pw')).replace('$2b$', '$2y$'));
  await mailbox('off@mail.example', md5crypt('inactive pw'), { active: false });
  await mailbox('someone@closed.example', md5crypt('closed domain pw'));
  // the same address as an admin and as a mailbox, each with its own password
  await mailbox('both@mail.example', md5crypt('mailbox side pw'));
  await db.admin.create({ data: { username: 'both@mail.example', password: await hashPassword('admin side pw') } });
  await db.domainAdmin.create({ data: { username: 'both@mail.example', domain: 'mail.example' } });
});

describe('[auth] mailbox owners log in on the same login page', () => {
  it('a PostfixAdmin md5crypt mailbox logs in as an owner and is rehashed; Dovecot still accepts the new hash', async () => {
    expect(await authenticate('legacy@mail.example', 'wrong')).toBeNull();
    expect(await authenticate('legacy@mail.example', 'md5 owner pw')).toEqual({ username: 'legacy@mail.example', kind: 'mailbox' });
    const rows = await withSql(dbUrl(), (c) => c.query(DOVECOT_PASSWORD_QUERY.replace('%u', 'legacy@mail.example')));
    expect(rows[0].password).toMatch(/^\{BLF-CRYPT\}\$2b\$10\$/);
    expect(await verifyPassword('md5 owner pw', rows[0].password)).toBe(true);
    expect(await authenticate('legacy@mail.example', 'md5 owner pw')).toEqual({ username: 'legacy@mail.example', kind: 'mailbox' });
  });

  it("a PHP/Dovecot $2y$ bcrypt mailbox logs in and keeps its hash (already the default scheme)", async () => {
    const before = (await getDb().mailbox.findUniqueOrThrow({ where: { username: 'php@mail.example' } })).password;
    expect(await authenticate('php@mail.example', 'bcrypt owner pw')).toEqual({ username: 'php@mail.example', kind: 'mailbox' });
    expect((await getDb().mailbox.findUniqueOrThrow({ where: { username: 'php@mail.example' } })).password).toBe(before);
  });

  it('an inactive mailbox, a mailbox of an inactive domain, a wrong password and an unknown address all fail alike', async () => {
    const inactive = (await getDb().mailbox.findUniqueOrThrow({ where: { username: 'off@mail.example' } })).password;
    expect(await authenticate('off@mail.example', 'inactive pw')).toBeNull();
    expect(await authenticate('someone@closed.example', 'closed domain pw')).toBeNull();
    expect(await authenticate('php@mail.example', 'md5 owner pw')).toBeNull();
    expect(await authenticate('nobody@mail.example', 'whatever pw')).toBeNull();
    // a refused login rehashes nothing
    expect((await getDb().mailbox.findUniqueOrThrow({ where: { username: 'off@mail.example' } })).password).toBe(inactive);
  });

  it('an address that is both an admin and a mailbox: each password opens its own kind of session', async () => {
    expect(await authenticate('both@mail.example', 'admin side pw')).toEqual({ username: 'both@mail.example', kind: 'admin' });
    expect(await authenticate('both@mail.example', 'mailbox side pw')).toEqual({ username: 'both@mail.example', kind: 'mailbox' });
  });
});

describe('[auth] sessions by kind', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const logIn = (username: string, kind: 'admin' | 'mailbox') => {
    session.current = { user: { username, kind }, lastActivity: now(), loginAt: now() };
  };
  let sessionModule: typeof import('@/lib/auth/session');
  beforeEach(async () => {
    vi.resetModules(); // getActor/getMailboxOwner are cached per request: a fresh module is a fresh request
    sessionModule = await import('@/lib/auth/session');
  });

  it('an owner session is never an admin, even under an admin address; getMailboxOwner returns the mailbox', async () => {
    logIn('both@mail.example', 'mailbox');
    expect(await sessionModule.getActor()).toBeNull();
    expect(await sessionModule.getMailboxOwner()).toEqual({ username: 'both@mail.example', name: 'Owner of both', domain: 'mail.example', quota: 0n, auditName: 'both@mail.example (192.0.2.7)' });
  });

  it('an admin session is the admin, never an owner', async () => {
    logIn('both@mail.example', 'admin');
    expect(await sessionModule.getActor()).toEqual({ username: 'both@mail.example', isSuperadmin: false, domains: ['mail.example'], auditName: 'both@mail.example (192.0.2.7)' });
    expect(await sessionModule.getMailboxOwner()).toBeNull();
  });

  it('an owner whose mailbox or domain was deactivated after login has no session any more', async () => {
    logIn('someone@closed.example', 'mailbox');
    expect(await sessionModule.getMailboxOwner()).toBeNull();
    logIn('off@mail.example', 'mailbox');
    vi.resetModules();
    expect(await (await import('@/lib/auth/session')).getMailboxOwner()).toBeNull();
  });

  it('every admin action refuses an owner and writes nothing', async () => {
    logIn('both@mail.example', 'mailbox');
    const { changeOwnPasswordAction, createAdminAction } = await import('@/lib/admins/actions');
    const form = new FormData();
    for (const [k, v] of Object.entries({ username: 'evil@mail.example', password: 'long enough pw', passwordConfirm: 'long enough pw', superadmin: 'on', currentPassword: 'mailbox side pw' })) form.append(k, v);
    const adminsBefore = await getDb().admin.findMany({ orderBy: { username: 'asc' } });
    expect(await createAdminAction({}, form)).toEqual({ message: 'errors.notAuthenticated' });
    expect(await changeOwnPasswordAction({}, form)).toEqual({ message: 'errors.notAuthenticated' });
    expect(await getDb().admin.findMany({ orderBy: { username: 'asc' } })).toEqual(adminsBefore);
    expect(await getDb().log.count()).toBe(0);
  });
});
