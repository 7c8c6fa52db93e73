import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { findMailboxForActor, listMailboxes } from '@/lib/mailboxes/queries';
import { formatQuotaMib } from '@/lib/mailboxes/quota';
import { createMailbox, deleteMailbox, setMailboxActive, updateMailbox } from '@/lib/mailboxes/service';
import { verifyPassword } from '@/lib/passwords/hash';
import { saveSetting } from '@/lib/settings/settings';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';
import { editMailboxForm, insertDomain, mailQuery, newMailboxForm, QUERIES } from './helpers/mailboxes';

const dbUrl = useMigratedDatabase();
const admin = domainAdmin('mail.example');
const MIB = 1_048_576n;

beforeAll(async () => {
  await insertDomain(dbUrl(), 'mail.example');
  await insertDomain(dbUrl(), 'foreign.example');
  await insertDomain(dbUrl(), 'asleep.example', { active: false });
});

const mailbox = (username: string) =>
  getDb().mailbox.findUnique({ where: { username }, select: { username: true, name: true, maildir: true, quota: true, localPart: true, domain: true, active: true, password: true } });
const logOf = (domain: string) => getDb().log.findMany({ where: { domain }, orderBy: { id: 'asc' }, select: { action: true, data: true, username: true } });

describe('[mailbox] Postfix and Dovecot read what Mailroom writes', () => {
  it('an active mailbox answers every documented query', async () => {
    const input = newMailboxForm({ domain: 'mail.example', localPart: 'Alice', name: 'Alice Martin', password: 'sésame ouvre-toi', quota: '500' });
    expect(await createMailbox(admin, input)).toEqual({ ok: true, message: 'mailbox.created' });
    const url = dbUrl();
    expect(await mailQuery(url, QUERIES.virtualMailboxMaps, 'alice@mail.example')).toEqual([{ maildir: 'mail.example/alice/' }]);
    expect(await mailQuery(url, QUERIES.virtualAliasMaps, 'alice@mail.example')).toEqual([{ goto: 'alice@mail.example' }]);
    expect(await mailQuery(url, QUERIES.senderLoginMaps, 'alice@mail.example')).toEqual([{ username: 'alice@mail.example' }]);
    const [auth] = await mailQuery(url, QUERIES.passwordQuery, 'alice@mail.example');
    expect(auth?.user).toBe('alice@mail.example');
    expect(String(auth?.password)).toMatch(/^\{BLF-CRYPT\}\$2b\$10\$/);
    expect(await verifyPassword('sésame ouvre-toi', String(auth?.password))).toBe(true);
    expect(await verifyPassword('wrong', String(auth?.password))).toBe(false);
    expect(await mailQuery(url, QUERIES.userQuery, 'alice@mail.example')).toEqual([
      { home: '/var/vmail/mail.example/alice/', uid: 5000, gid: 5000, quota_rule: `*:bytes=${500n * MIB}` },
    ]);
    expect(await mailQuery(url, QUERIES.iterateQuery)).toEqual([{ user: 'alice@mail.example' }]);
  });

  it('an inactive mailbox answers none of them, and answers again once reactivated', async () => {
    expect(await setMailboxActive(admin, 'alice@mail.example', false)).toEqual({ ok: true, message: 'mailbox.deactivated' });
    const url = dbUrl();
    for (const q of [QUERIES.virtualMailboxMaps, QUERIES.virtualAliasMaps, QUERIES.senderLoginMaps, QUERIES.passwordQuery, QUERIES.userQuery]) {
      expect(await mailQuery(url, q, 'alice@mail.example')).toEqual([]);
    }
    expect(await mailQuery(url, QUERIES.iterateQuery)).toEqual([]);
    expect(await getDb().alias.findUnique({ where: { address: 'alice@mail.example' }, select: { active: true } })).toEqual({ active: false });
    expect(await setMailboxActive(admin, 'alice@mail.example', true)).toEqual({ ok: true, message: 'mailbox.activated' });
    expect(await mailQuery(url, QUERIES.virtualMailboxMaps, 'alice@mail.example')).toEqual([{ maildir: 'mail.example/alice/' }]);
    expect(await mailQuery(url, QUERIES.virtualAliasMaps, 'alice@mail.example')).toEqual([{ goto: 'alice@mail.example' }]);
    const states = (await logOf('mail.example')).filter((l) => l.action === 'edit_mailbox_state').map((l) => l.data);
    expect(states).toEqual(['alice@mail.example: inactive', 'alice@mail.example: active']);
  });

  it('a mailbox without quota gives Dovecot a rule of 0 (no limit)', async () => {
    expect(await createMailbox(admin, newMailboxForm({ domain: 'mail.example', localPart: 'nolimit', quota: '0' }))).toMatchObject({ ok: true });
    expect(await mailQuery(dbUrl(), QUERIES.userQuery, 'nolimit@mail.example')).toEqual([
      { home: '/var/vmail/mail.example/nolimit/', uid: 5000, gid: 5000, quota_rule: '*:bytes=0' },
    ]);
  });
});

describe('[mailbox] rows and audit', () => {
  it('fills local_part, domain, maildir and name (utf8mb4), and logs create_mailbox without any secret', async () => {
    const input = newMailboxForm({ domain: 'mail.example', localPart: 'zoe', name: 'Zoë 😀 中文', password: 'another long secret' });
    expect(await createMailbox(admin, input)).toMatchObject({ ok: true });
    expect(await mailbox('zoe@mail.example')).toMatchObject({ localPart: 'zoe', domain: 'mail.example', maildir: 'mail.example/zoe/', name: 'Zoë 😀 中文', quota: 0n, active: true });
    const log = await logOf('mail.example');
    expect(log.at(-1)).toEqual({ action: 'create_mailbox', data: 'zoe@mail.example', username: admin.auditName });
  });

  it('editing changes name and quota, keeps the maildir and the password when none is typed', async () => {
    const before = await mailbox('zoe@mail.example');
    const input = editMailboxForm({ address: 'zoe@mail.example', name: 'Zoé 🎉', quota: '1.5' });
    expect(await updateMailbox(admin, input)).toEqual({ ok: true, message: 'mailbox.saved' });
    const after = await mailbox('zoe@mail.example');
    expect(after).toMatchObject({ name: 'Zoé 🎉', quota: 1_572_864n, maildir: 'mail.example/zoe/', password: before?.password });
    const last = (await logOf('mail.example')).at(-1);
    expect(last).toEqual({ action: 'edit_mailbox', data: 'zoe@mail.example: name: "Zoë \\u{1f600} \\u{4e2d}\\u{6587}" -> "Zoé \\u{1f389}"; quota: 0 -> 1572864 bytes', username: admin.auditName });
  });

  it('a new password replaces the old one and is logged as changed, never shown', async () => {
    const input = editMailboxForm({ address: 'zoe@mail.example', name: 'Zoé 🎉', quota: '1.5', password: 'brand new secret!' });
    expect(await updateMailbox(admin, input)).toMatchObject({ ok: true });
    const row = await mailbox('zoe@mail.example');
    expect(await verifyPassword('brand new secret!', row?.password ?? '')).toBe(true);
    expect(await verifyPassword('another long secret', row?.password ?? '')).toBe(false);
    const log = await getDb().log.findMany({ select: { data: true } });
    expect(log.at(-1)?.data).toBe('zoe@mail.example: password changed');
    for (const l of log) expect(l.data).not.toMatch(/secret|\$2b\$|BLF/);
  });

  it('an unchanged save writes nothing', async () => {
    const count = await getDb().log.count();
    expect(await updateMailbox(admin, editMailboxForm({ address: 'zoe@mail.example', name: 'Zoé 🎉', quota: '1.5' }))).toEqual({ ok: true, message: 'mailbox.unchanged' });
    expect(await getDb().log.count()).toBe(count);
  });

  it("a quota PostfixAdmin wrote in its own MB survives an edit that leaves it alone", async () => {
    await withSql(dbUrl(), (c) =>
      c.query("INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, created, modified, active) VALUES ('legacy@mail.example', '$1$salt$x', 'Old', 'mail.example/legacy/', 10240001, 'legacy', 'mail.example', NOW(), NOW(), 1)"),
    );
    const shown = formatQuotaMib(10_240_001n);
    expect(await updateMailbox(admin, editMailboxForm({ address: 'legacy@mail.example', name: 'Old', quota: shown }))).toEqual({ ok: true, message: 'mailbox.unchanged' });
    expect(await updateMailbox(admin, editMailboxForm({ address: 'legacy@mail.example', name: 'Renamed', quota: shown }))).toEqual({ ok: true, message: 'mailbox.saved' });
    expect(await mailbox('legacy@mail.example')).toMatchObject({ name: 'Renamed', quota: 10_240_001n, password: '$1$salt$x' });
    // an edit leaves alias rows alone; a state change restores the missing self-alias
    expect(await getDb().alias.count({ where: { address: 'legacy@mail.example' } })).toBe(0);
    expect(await setMailboxActive(admin, 'legacy@mail.example', false)).toMatchObject({ ok: true });
    expect(await getDb().alias.findUnique({ where: { address: 'legacy@mail.example' }, select: { goto: true, active: true } })).toEqual({ goto: 'legacy@mail.example', active: false });
  });

  it('the password policy comes from the settings, for new and changed passwords', async () => {
    await saveSetting(getDb(), 'passwordMinLength', 20);
    try {
      const weak = newMailboxForm({ domain: 'mail.example', localPart: 'weak', password: 'only fifteen ch' });
      expect(await createMailbox(admin, weak)).toEqual({ fieldErrors: { password: ['mailbox.errors.passwordTooShort'] } });
      expect(await mailbox('weak@mail.example')).toBeNull();
      const before = await mailbox('zoe@mail.example');
      const edit = editMailboxForm({ address: 'zoe@mail.example', name: 'Zoé 🎉', quota: '1.5', password: 'only fifteen ch' });
      expect(await updateMailbox(admin, edit)).toEqual({ fieldErrors: { password: ['mailbox.errors.passwordTooShort'] } });
      expect((await mailbox('zoe@mail.example'))?.password).toBe(before?.password);
      expect(await createMailbox(admin, newMailboxForm({ domain: 'mail.example', localPart: 'strong', password: 'twenty characters ok' }, 20))).toMatchObject({ ok: true });
    } finally {
      await saveSetting(getDb(), 'passwordMinLength', 10);
    }
  });

  it('a failure half-way leaves nothing half-made (mailbox, alias and log share one transaction)', async () => {
    await withSql(dbUrl(), (c) => c.query('RENAME TABLE log TO log_away'));
    try {
      await expect(createMailbox(admin, newMailboxForm({ domain: 'mail.example', localPart: 'halfway' }))).rejects.toThrow();
      await expect(deleteMailbox(admin, 'zoe@mail.example')).rejects.toThrow();
    } finally {
      await withSql(dbUrl(), (c) => c.query('RENAME TABLE log_away TO log'));
    }
    expect(await mailbox('halfway@mail.example')).toBeNull();
    expect(await getDb().alias.count({ where: { address: 'halfway@mail.example' } })).toBe(0);
    expect(await mailbox('zoe@mail.example')).not.toBeNull();
    expect(await getDb().alias.count({ where: { address: 'zoe@mail.example' } })).toBe(1);
  });

  it('mailboxes of an inactive domain can still be managed', async () => {
    expect(await createMailbox(superadmin, newMailboxForm({ domain: 'asleep.example', localPart: 'bob', quota: '10' }))).toMatchObject({ ok: true });
    expect(await updateMailbox(superadmin, editMailboxForm({ address: 'bob@asleep.example', name: 'Bob', quota: '20' }))).toMatchObject({ ok: true, message: 'mailbox.saved' });
    expect(await setMailboxActive(superadmin, 'bob@asleep.example', false)).toMatchObject({ ok: true });
    expect(await deleteMailbox(superadmin, 'bob@asleep.example')).toMatchObject({ ok: true });
  });
});

describe('[mailbox] refusals', () => {
  it('an address that exists as a mailbox or as an alias is refused on the field', async () => {
    expect(await createMailbox(admin, newMailboxForm({ domain: 'mail.example', localPart: 'ALICE' }))).toEqual({ fieldErrors: { localPart: ['mailbox.errors.exists'] } });
    await getDb().alias.create({ data: { address: 'sales@mail.example', goto: 'alice@mail.example', domain: 'mail.example' } });
    const count = await getDb().log.count();
    expect(await createMailbox(admin, newMailboxForm({ domain: 'mail.example', localPart: 'sales' }))).toEqual({ fieldErrors: { localPart: ['mailbox.errors.aliasExists'] } });
    expect(await mailbox('sales@mail.example')).toBeNull();
    expect(await getDb().alias.findUnique({ where: { address: 'sales@mail.example' }, select: { goto: true } })).toEqual({ goto: 'alice@mail.example' });
    expect(await getDb().log.count()).toBe(count);
  });

  it('reserved local parts are refused for a domain admin, allowed for a superadmin', async () => {
    await saveSetting(getDb(), 'reservedLocalParts', ['mailer-daemon', 'postmaster']);
    expect(await createMailbox(admin, newMailboxForm({ domain: 'mail.example', localPart: 'Postmaster' }))).toEqual({ fieldErrors: { localPart: ['mailbox.errors.reserved'] } });
    expect(await mailbox('postmaster@mail.example')).toBeNull();
    expect(await createMailbox(superadmin, newMailboxForm({ domain: 'mail.example', localPart: 'postmaster' }))).toMatchObject({ ok: true });
  });

  it('an address longer than 254 characters is refused (username and maildir must fit VARCHAR(255))', async () => {
    const longDomain = `${'d'.repeat(63)}.${'e'.repeat(63)}.${'f'.repeat(63)}.${'g'.repeat(50)}.example`;
    await insertDomain(dbUrl(), longDomain);
    expect(await createMailbox(superadmin, newMailboxForm({ domain: longDomain, localPart: 'x'.repeat(10) }))).toEqual({ fieldErrors: { localPart: ['mailbox.errors.addressTooLong'] } });
    expect(await getDb().mailbox.count({ where: { domain: longDomain } })).toBe(0);
  });

  it('a foreign or missing domain is "not found" for every operation, and nothing is written', async () => {
    await createMailbox(superadmin, newMailboxForm({ domain: 'foreign.example', localPart: 'carol', quota: '5' }));
    const count = await getDb().log.count();
    const notFound = { message: 'errors.notFound' };
    expect(await createMailbox(admin, newMailboxForm({ domain: 'foreign.example', localPart: 'sneaky' }))).toEqual(notFound);
    expect(await createMailbox(superadmin, newMailboxForm({ domain: 'missing.example', localPart: 'ghost' }))).toEqual(notFound);
    expect(await updateMailbox(admin, editMailboxForm({ address: 'carol@foreign.example', name: 'pwned', quota: '1' }))).toEqual(notFound);
    expect(await updateMailbox(admin, editMailboxForm({ address: 'nobody@mail.example', name: 'x', quota: '1' }))).toEqual(notFound);
    expect(await setMailboxActive(admin, 'carol@foreign.example', false)).toEqual(notFound);
    expect(await deleteMailbox(admin, 'carol@foreign.example')).toEqual(notFound);
    expect(await deleteMailbox(admin, 'nobody@mail.example')).toEqual(notFound);
    expect(await mailbox('carol@foreign.example')).toMatchObject({ name: '', active: true, quota: 5n * MIB });
    expect(await mailbox('sneaky@foreign.example')).toBeNull();
    expect(await getDb().mailbox.count({ where: { domain: 'missing.example' } })).toBe(0);
    expect(await getDb().log.count()).toBe(count);
    expect(await findMailboxForActor(admin, 'carol@foreign.example')).toBeNull();
    expect(await findMailboxForActor(admin, 'nobody@mail.example')).toBeNull();
    expect(await findMailboxForActor(admin, 'Alice@MAIL.example')).toMatchObject({ username: 'alice@mail.example', maildir: 'mail.example/alice/' });
    expect(await findMailboxForActor(admin, 'alice@mail.example')).not.toHaveProperty('password');
    expect(await listMailboxes(admin, 'foreign.example', {})).toBeNull();
    expect(await listMailboxes(admin, 'foreign.example', { q: 'c', cursor: { kind: 'after', key: 'a@foreign.example' } })).toBeNull();
  });
});
