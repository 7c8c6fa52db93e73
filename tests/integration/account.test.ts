import { beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticate } from '@/lib/auth/authenticate';
import { getDb } from '@/lib/db/client';
import { hashPassword } from '@/lib/passwords/hash';
import { saveSetting } from '@/lib/settings/settings';
import { sendMail, testMessage } from './helpers/mail-protocols';
import { insertDomains, insertMailboxes, sql } from './helpers/mail-fixtures';
import { dovecotAccepts, imapLogin, LMTP_TRANSPORT, marker, PORTS, readMaildir, waitForMail } from './helpers/mailstack';
import { useSelfServiceStack } from './helpers/self-service';

// A mailbox owner's own actions, called as the browser calls them, on the database the real Postfix and
// Dovecot read: the new password works at once, the forward delivers, and nobody else gets through.

const session = vi.hoisted(() => ({ current: null as null | { user: { username: string; kind: 'admin' | 'mailbox' }; lastActivity: number; loginAt: number } }));
vi.mock('next-auth', async (importOriginal) => ({ ...(await importOriginal<typeof import('next-auth')>()), getServerSession: async () => session.current }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '192.0.2.9' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

const stack = useSelfServiceStack();
const db = () => stack().dbUrl;
const OLD = 'old "pass\\word 1';
const NEW = 'brand new pässword 2';

/** The owner actions as seen from a request by `username` of `kind` (null: nobody logged in). */
async function actionsAs(username: string | null, kind: 'admin' | 'mailbox' = 'mailbox') {
  const now = Math.floor(Date.now() / 1000);
  session.current = username ? { user: { username, kind }, lastActivity: now, loginAt: now } : null;
  vi.resetModules(); // a fresh module is a fresh request (the session helpers are cached per request)
  return import('@/lib/account/actions');
}

function formData(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

const gotoOf = async (address: string) => (await sql<{ goto: string }[]>(db(), 'SELECT goto FROM alias WHERE address = ?', [address]))[0]?.goto;

beforeAll(async () => {
  await insertDomains(db(), [{ domain: 'own.test', transport: LMTP_TRANSPORT }]);
  const password = await hashPassword(OLD, 'MD5-CRYPT');
  await insertMailboxes(db(), [{ username: 'owner@own.test', password, quota: 10_240_000 }, { username: 'colleague@own.test', password }, { username: 'friend@own.test', password }]);
  await getDb().admin.create({ data: { username: 'admin@own.test', password: await hashPassword(OLD) } });
  await getDb().domainAdmin.create({ data: { username: 'admin@own.test', domain: 'own.test' } });
});

describe('[account] password', () => {
  it('refused: wrong current password, the policy of the settings, a mismatch, control characters; nothing changes', async () => {
    await saveSetting(getDb(), 'passwordMinLength', 14);
    const { changeMailboxPasswordAction } = await actionsAs('owner@own.test');
    const before = await sql(db(), "SELECT password, modified FROM mailbox WHERE username = 'owner@own.test'");
    const attempt = (fields: Record<string, string>) => changeMailboxPasswordAction({}, formData({ currentPassword: OLD, password: NEW, passwordConfirm: NEW, ...fields }));
    expect((await attempt({ currentPassword: 'not it' })).fieldErrors).toEqual({ currentPassword: ['account.errors.currentWrong'] });
    expect((await attempt({ currentPassword: '' })).fieldErrors).toEqual({ currentPassword: ['account.errors.currentRequired'] });
    expect((await attempt({ password: 'short pw 13ch', passwordConfirm: 'short pw 13ch' })).fieldErrors).toEqual({ password: ['mailbox.errors.passwordTooShort'] });
    expect((await attempt({ passwordConfirm: `${NEW}x` })).fieldErrors).toEqual({ passwordConfirm: ['mailbox.errors.passwordMismatch'] });
    expect((await attempt({ password: `${NEW}\n`, passwordConfirm: `${NEW}\n` })).fieldErrors).toEqual({ password: ['mailbox.errors.passwordChars'] });
    // refused forms never echo a password back
    expect((await attempt({ currentPassword: 'not it' })).values).toEqual({});
    expect(await sql(db(), "SELECT password, modified FROM mailbox WHERE username = 'owner@own.test'")).toEqual(before);
    expect(await getDb().log.count()).toBe(0);
  });

  it('changed: Dovecot and the login accept the new password at once and refuse the old one; audited without the secret', async () => {
    expect(await dovecotAccepts('owner@own.test', OLD)).toBe(true);
    const { changeMailboxPasswordAction } = await actionsAs('owner@own.test');
    expect(await changeMailboxPasswordAction({}, formData({ currentPassword: OLD, password: NEW, passwordConfirm: NEW }))).toEqual({ ok: true, message: 'account.passwordChanged' });
    expect(await dovecotAccepts('owner@own.test', NEW)).toBe(true);
    expect(await dovecotAccepts('owner@own.test', OLD)).toBe(false);
    expect(await imapLogin('owner@own.test', NEW)).toBe('OK');
    expect(await imapLogin('owner@own.test', OLD)).toBe('NO');
    expect(await authenticate('owner@own.test', NEW)).toEqual({ username: 'owner@own.test', kind: 'mailbox' });
    expect(await authenticate('owner@own.test', OLD)).toBeNull();
    expect(String((await sql<{ password: string }[]>(db(), "SELECT password FROM mailbox WHERE username = 'owner@own.test'"))[0]?.password)).toMatch(/^\{BLF-CRYPT\}\$2b\$/);
    const logs = await sql<{ username: string; domain: string; action: string; data: string }[]>(db(), 'SELECT username, domain, action, data FROM log');
    expect(logs).toEqual([{ username: 'owner@own.test (192.0.2.9)', domain: 'own.test', action: 'edit_mailbox', data: 'owner@own.test: password changed by its owner' }]);
    // the colleague's password is untouched
    expect(await dovecotAccepts('colleague@own.test', OLD)).toBe(true);
  });
});

describe('[account] forwarding', () => {
  it('with a copy: mail reaches the mailbox and the target; a mailbox field in the form is ignored', async () => {
    const { saveOwnForwardAction } = await actionsAs('owner@own.test');
    expect(await saveOwnForwardAction({}, formData({ goto: 'friend@own.test', keepCopy: 'on', mailbox: 'colleague@own.test' }))).toEqual({ ok: true, message: 'forward.saved' });
    expect(await gotoOf('owner@own.test')).toBe('friend@own.test,owner@own.test');
    expect(await gotoOf('colleague@own.test')).toBe('colleague@own.test');
    const m = marker('copy');
    expect((await sendMail(PORTS.smtp, 'someone@outside.test', ['owner@own.test'], testMessage('someone@outside.test', 'owner@own.test', m))).data?.code).toBe(250);
    await waitForMail('own.test/owner/', m);
    await waitForMail('own.test/friend/', m);
  });

  it('without a copy: only the target gets the mail', async () => {
    const { saveOwnForwardAction } = await actionsAs('owner@own.test');
    expect(await saveOwnForwardAction({}, formData({ goto: 'friend@own.test' }))).toMatchObject({ ok: true });
    const m = marker('pure');
    await sendMail(PORTS.smtp, 'someone@outside.test', ['owner@own.test'], testMessage('someone@outside.test', 'owner@own.test', m));
    await waitForMail('own.test/friend/', m);
    expect((await readMaildir('own.test/owner/')).filter((x) => x.content.includes(m))).toEqual([]);
  });

  it("the admin form's checks apply: itself, a missing local target, nothing at all; nothing changes", async () => {
    const { saveOwnForwardAction } = await actionsAs('owner@own.test');
    const before = await gotoOf('owner@own.test');
    expect((await saveOwnForwardAction({}, formData({ goto: 'Owner@own.test', keepCopy: 'on' }))).fieldErrors).toEqual({ goto: ['forward.errors.self'] });
    expect((await saveOwnForwardAction({}, formData({ goto: 'nobody@own.test', keepCopy: 'on' }))).fieldErrors?.goto?.[0]).toMatch(/^alias\.errors\.missing/);
    expect((await saveOwnForwardAction({}, formData({ goto: '' }))).fieldErrors).toEqual({ goto: ['forward.errors.nothing'] });
    expect(await gotoOf('owner@own.test')).toBe(before);
  });
});

describe('[account] quota', () => {
  it("the usage shown is Dovecot's count in quota2", async () => {
    const { saveOwnForwardAction } = await actionsAs('owner@own.test');
    await saveOwnForwardAction({}, formData({ goto: '', keepCopy: 'on' }));
    const { getOwnQuotaUsage } = await import('@/lib/account/queries');
    const files = await readMaildir('own.test/owner/');
    const bytes = files.reduce((sum, f) => sum + Number(/,S=(\d+)/.exec(f.file)?.[1]), 0);
    expect(await getOwnQuotaUsage({ username: 'owner@own.test' })).toEqual({ bytes: BigInt(bytes), messages: files.length });
  });
});

describe('[account] nobody else gets through', () => {
  it.each([
    ['anonymous', null, 'mailbox'],
    ['an admin of the domain', 'admin@own.test', 'admin'],
    ['an admin session under the mailbox address', 'owner@own.test', 'admin'],
    ['an inactive mailbox', 'colleague@own.test', 'mailbox'],
  ] as const)('%s: every owner action refuses and writes nothing', async (_label, username, kind) => {
    if (username === 'colleague@own.test') await sql(db(), "UPDATE mailbox SET active = 0 WHERE username = 'colleague@own.test'");
    const actions = await actionsAs(username, kind);
    const tables = async () => [await sql(db(), 'SELECT * FROM mailbox ORDER BY username'), await sql(db(), 'SELECT * FROM alias ORDER BY address'), await sql(db(), 'SELECT * FROM vacation'), await sql(db(), 'SELECT * FROM log')];
    const before = await tables();
    const form = formData({ currentPassword: OLD, password: NEW, passwordConfirm: NEW, goto: 'friend@own.test', keepCopy: 'on', subject: 'x', body: 'y', activeFrom: '2030-01-01', activeUntil: '2030-01-02', days: '7' });
    for (const action of [actions.changeMailboxPasswordAction, actions.saveOwnForwardAction, actions.saveOwnVacationAction, actions.switchOffOwnVacationAction]) {
      expect(await action({}, form)).toEqual({ message: 'errors.notAuthenticated' });
    }
    expect(await tables()).toEqual(before);
    await sql(db(), "UPDATE mailbox SET active = 1 WHERE username = 'colleague@own.test'");
  });
});
