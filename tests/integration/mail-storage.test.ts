import { execFileSync } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '@/lib/admins/service';
import { createAdminSchema } from '@/lib/admins/schema';
import { authenticate } from '@/lib/auth/authenticate';
import { getDb } from '@/lib/db/client';
import { createMailbox, deleteMailbox, updateMailbox } from '@/lib/mailboxes/service';
import { detectScheme, hashPassword, verifyPassword, WRITABLE_SCHEMES } from '@/lib/passwords/hash';
import { domainAdmin, superadmin } from './helpers/app-db';
import { insertDomains } from './helpers/mail-fixtures';
import { editMailboxForm, newMailboxForm } from './helpers/mailboxes';
import { sendMail, testMessage } from './helpers/mail-protocols';
import { doveadm, dovecotAccepts, imapLogin, LMTP_TRANSPORT, marker, PORTS, useMailStack, VMAIL_DIR, waitForMail } from './helpers/mailstack';
import { jobsOf, ownerAndMode, setStorageSettings } from './helpers/storage';

// Mailroom's own services against the real Postfix and Dovecot: a mailbox created through the service
// gets its Maildir from its job and receives mail over SMTP there; a password changed through the
// service is Dovecot's at once; every scheme the settings offer for new hashes is one Dovecot accepts.

const stack = useMailStack();
const admin = domainAdmin('store.test');
const ARCHIVE = path.join(path.dirname(VMAIL_DIR), 'archive');
let vmail = { uid: 0, gid: 0 };

const storedPassword = async (username: string) => (await getDb().mailbox.findUniqueOrThrow({ where: { username }, select: { password: true } })).password;

beforeAll(async () => {
  // Mailroom's services use this database (the stack's), and the Maildirs go where Dovecot looks
  process.env.DATABASE_URL = stack().dbUrl;
  vmail = { uid: Number(execFileSync('id', ['-u', 'vmail'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'vmail'], { encoding: 'utf8' })) };
  execFileSync('mkdir', ['-p', ARCHIVE]);
  await setStorageSettings({ mailBasePath: VMAIL_DIR, archivePath: ARCHIVE, vmailUid: vmail.uid, vmailGid: vmail.gid, deletePolicy: 'archive', storageRunsHere: true });
  await insertDomains(stack().dbUrl, [{ domain: 'store.test', transport: LMTP_TRANSPORT }]);
});

describe('[storage] a mailbox created through Mailroom receives mail', () => {
  it('its job creates the Maildir (0700, vmail), and Postfix delivers an SMTP message into that very Maildir', async () => {
    expect(await createMailbox(admin, newMailboxForm({ domain: 'store.test', localPart: 'inbox', password: 'inbox password 1' }))).toMatchObject({ ok: true });
    expect(await jobsOf('inbox@store.test')).toEqual([expect.objectContaining({ kind: 'maildir.create', state: 'done' })]);
    const dir = path.join(VMAIL_DIR, 'store.test', 'inbox');
    for (const d of [path.join(VMAIL_DIR, 'store.test'), dir, path.join(dir, 'new')]) {
      expect(await ownerAndMode(d)).toEqual({ uid: vmail.uid, gid: vmail.gid, mode: 0o700, type: 'dir' });
    }
    const inode = (await stat(dir)).ino;
    const m = marker('created-by-mailroom');
    const sent = await sendMail(PORTS.smtp, 'someone@outside.test', ['inbox@store.test'], testMessage('someone@outside.test', 'inbox@store.test', m));
    expect(sent.data?.code).toBe(250);
    const mail = await waitForMail('store.test/inbox/', m);
    expect(path.dirname(path.dirname(mail.file))).toBe(dir);
    expect((await stat(dir)).ino).toBe(inode); // delivered into the Maildir the job made, not a new one
    expect(await imapLogin('inbox@store.test', 'inbox password 1')).toBe('OK');
  });

  it('deleting it archives the Maildir with its mail, and Dovecot no longer knows the user', async () => {
    expect(await deleteMailbox(admin, 'inbox@store.test')).toMatchObject({ ok: true });
    expect(await dovecotAccepts('inbox@store.test', 'inbox password 1')).toBe(false);
    const [archived] = await readdir(path.join(ARCHIVE, 'store.test'));
    expect(archived).toMatch(/^inbox-\d{8}T\d{6}Z$/);
    expect(await readdir(path.join(ARCHIVE, 'store.test', archived!, 'new'))).toHaveLength(1);
  });
});

describe('[storage] the quota set in the panel is the quota Dovecot enforces', () => {
  /** Dovecot's STORAGE limit for a user, in KiB ('-' = unlimited), from `doveadm quota get`. */
  async function dovecotLimit(user: string): Promise<string> {
    const { ok, stdout } = await doveadm('quota', 'get', '-u', user);
    expect(ok).toBe(true);
    const row = stdout.split('\n').find((l) => l.includes('STORAGE')) ?? '';
    return row.replace(/^User quota\s+STORAGE\s+/, '').trim().split(/\s+/)[1] ?? '';
  }

  it('created with 50 MiB, Dovecot reports 51200 KiB; changed to 5 MiB, at once 5120 KiB; 0 is unlimited', async () => {
    expect(await createMailbox(admin, newMailboxForm({ domain: 'store.test', localPart: 'quota', quota: '50' }))).toMatchObject({ ok: true });
    expect(await dovecotLimit('quota@store.test')).toBe('51200');
    expect(await updateMailbox(admin, editMailboxForm({ address: 'quota@store.test', quota: '5' }))).toEqual({ ok: true, message: 'mailbox.saved' });
    expect(await dovecotLimit('quota@store.test')).toBe('5120');
    expect(await updateMailbox(admin, editMailboxForm({ address: 'quota@store.test', quota: '0' }))).toEqual({ ok: true, message: 'mailbox.saved' });
    expect(await dovecotLimit('quota@store.test')).toBe('-');
  });
});

describe('[storage] passwords changed through Mailroom are what Dovecot checks', () => {
  it('a new password set with updateMailbox is accepted at once and the old one refused', async () => {
    await createMailbox(admin, newMailboxForm({ domain: 'store.test', localPart: 'change', password: 'the old password' }));
    expect(await dovecotAccepts('change@store.test', 'the old password')).toBe(true);
    expect(await updateMailbox(admin, editMailboxForm({ address: 'change@store.test', password: 'the new password' }))).toEqual({ ok: true, message: 'mailbox.saved' });
    expect(await dovecotAccepts('change@store.test', 'the new password')).toBe(true);
    expect(await imapLogin('change@store.test', 'the new password')).toBe('OK');
    expect(await dovecotAccepts('change@store.test', 'the old password')).toBe(false);
    expect(await imapLogin('change@store.test', 'the old password')).toBe('NO');
  });

  it.each(WRITABLE_SCHEMES)('the setting %s hashes new mailbox passwords, changed ones and admins; Dovecot accepts each', async (scheme) => {
    await setStorageSettings({ passwordScheme: scheme });
    const local = `s-${scheme.toLowerCase()}`;
    const user = `${local}@store.test`;
    await createMailbox(admin, newMailboxForm({ domain: 'store.test', localPart: local, password: `created in ${scheme}` }));
    expect((await storedPassword(user)).startsWith(`{${scheme}}`)).toBe(true);
    expect(detectScheme(await storedPassword(user))).toBe(scheme);
    expect(await dovecotAccepts(user, `created in ${scheme}`)).toBe(true);
    expect(await dovecotAccepts(user, `created in ${scheme}!`)).toBe(false);
    await updateMailbox(admin, editMailboxForm({ address: user, password: `changed in ${scheme}` }));
    expect(detectScheme(await storedPassword(user))).toBe(scheme);
    expect(await dovecotAccepts(user, `changed in ${scheme}`)).toBe(true);
    const adminName = `${local}-admin@store.test`;
    const form = createAdminSchema(10).parse({ username: adminName, password: `admin in ${scheme}`, passwordConfirm: `admin in ${scheme}`, active: 'on', domains: 'store.test' });
    expect(await createAdmin(superadmin, form)).toMatchObject({ ok: true });
    const adminHash = (await getDb().admin.findUniqueOrThrow({ where: { username: adminName }, select: { password: true } })).password;
    expect(adminHash.startsWith(`{${scheme}}`)).toBe(true);
    expect(await verifyPassword(`admin in ${scheme}`, adminHash)).toBe(true);
  });

  it('a login rehashes an old hash into the configured scheme (mailbox owners and admins), and Dovecot accepts it', async () => {
    await setStorageSettings({ passwordScheme: 'SHA512-CRYPT' });
    await createMailbox(admin, newMailboxForm({ domain: 'store.test', localPart: 'legacy', password: 'legacy password' }));
    await getDb().mailbox.update({ where: { username: 'legacy@store.test' }, data: { password: await hashPassword('legacy password', 'MD5-CRYPT') } });
    expect(await authenticate('legacy@store.test', 'legacy password')).toEqual({ username: 'legacy@store.test', kind: 'mailbox' });
    expect(detectScheme(await storedPassword('legacy@store.test'))).toBe('SHA512-CRYPT');
    expect(await dovecotAccepts('legacy@store.test', 'legacy password')).toBe(true);
    // already in the configured scheme: left as it is
    const kept = await storedPassword('legacy@store.test');
    await authenticate('legacy@store.test', 'legacy password');
    expect(await storedPassword('legacy@store.test')).toBe(kept);
    // an admin, from bcrypt to the configured scheme
    await getDb().admin.create({ data: { username: 'old-admin@store.test', password: await hashPassword('old admin password', 'BLF-CRYPT') } });
    expect(await authenticate('old-admin@store.test', 'old admin password')).toEqual({ username: 'old-admin@store.test', kind: 'admin' });
    const adminHash = (await getDb().admin.findUniqueOrThrow({ where: { username: 'old-admin@store.test' }, select: { password: true } })).password;
    expect(detectScheme(adminHash)).toBe('SHA512-CRYPT');
  });
});
