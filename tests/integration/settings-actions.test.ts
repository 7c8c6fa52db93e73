import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb } from '@/lib/db/client';
import { hashPassword } from '@/lib/passwords/hash';
import { getDomainStorage } from '@/lib/settings/storage-backend';
import { useMigratedDatabase } from './helpers/app-db';

// Every settings form, called as the browser calls it: what it changed is in PostfixAdmin's log
// (domain '', action edit_settings) in the same transaction, and a refused form writes nothing.

const session = vi.hoisted(() => ({ current: null as null | { user: { username: string; kind: 'admin' | 'mailbox' }; lastActivity: number; loginAt: number } }));
vi.mock('next-auth', async (importOriginal) => ({ ...(await importOriginal<typeof import('next-auth')>()), getServerSession: async () => session.current }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-forwarded-for': '192.0.2.11' }) }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));

useMigratedDatabase();

async function as(username: string) {
  const now = Math.floor(Date.now() / 1000);
  session.current = { user: { username, kind: 'admin' }, lastActivity: now, loginAt: now };
  vi.resetModules(); // a fresh module is a fresh request
  return {
    ...(await import('@/lib/settings/actions')),
    ...(await import('@/lib/settings/client-settings-actions')),
    ...(await import('@/lib/mail/cyrus/actions')),
    ...(await import('@/lib/vacation/actions')),
  };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
}

const GENERAL = { defaultTransport: 'virtual', passwordMinLength: '10', reservedLocalParts: 'mailer-daemon', target_abuse: '', target_hostmaster: '', target_postmaster: '', target_webmaster: '' };
const CLIENTS = { imapHost: '', imapPort: '993', imapSecurity: 'ssl', smtpHost: '', smtpPort: '587', smtpSecurity: 'starttls' };
const settingsLog = () => getDb().log.findMany({ where: { action: 'edit_settings' }, orderBy: { id: 'asc' }, select: { username: true, domain: true, data: true } });

beforeAll(async () => {
  const db = getDb();
  await db.admin.create({ data: { username: 'root@example.net', password: await hashPassword('root password 1') } });
  await db.domainAdmin.create({ data: { username: 'root@example.net', domain: 'ALL' } });
  await db.domain.create({ data: { domain: 'example.org', description: '', transport: 'virtual' } });
  await db.admin.create({ data: { username: 'dadmin@example.net', password: await hashPassword('domain admin 1') } });
  await db.domainAdmin.create({ data: { username: 'dadmin@example.net', domain: 'example.org' } });
});

describe('[settings] every change is audited', () => {
  it('the general form logs each changed value, old and new, under the superadmin', async () => {
    const { saveSettingsAction } = await as('root@example.net');
    const result = await saveSettingsAction({}, form({ ...GENERAL, passwordMinLength: '14', reservedLocalParts: 'mailer-daemon, noc' }));
    expect(result).toEqual({ ok: true, message: 'settings.saved' });
    const [entry, ...more] = await settingsLog();
    expect(more).toEqual([]);
    expect(entry?.domain).toBe('');
    expect(entry?.username).toBe('root@example.net (192.0.2.11)');
    // the first save also stores the values that were defaults until then
    expect(entry?.data).toContain('passwordMinLength: (default) -> 14');
    expect(entry?.data).toContain('reservedLocalParts: (default) -> ["mailer-daemon","noc"]');
  });

  it('saving the same values again writes no log row; a second change logs only what changed', async () => {
    const { saveSettingsAction } = await as('root@example.net');
    await saveSettingsAction({}, form({ ...GENERAL, passwordMinLength: '14', reservedLocalParts: 'mailer-daemon, noc' }));
    expect(await settingsLog()).toHaveLength(1);
    await saveSettingsAction({}, form({ ...GENERAL, passwordMinLength: '12', reservedLocalParts: 'mailer-daemon, noc' }));
    expect((await settingsLog()).at(-1)?.data).toBe('passwordMinLength: 14 -> 12');
  });

  it('the mail client form logs key by key', async () => {
    const { saveClientSettingsAction } = await as('root@example.net');
    expect((await saveClientSettingsAction({}, form({ ...CLIENTS, imapHost: 'imap.example.org' }))).ok).toBe(true);
    expect((await settingsLog()).at(-1)?.data).toContain('mailClients.imapHost: (default) -> "imap.example.org"');
    await saveClientSettingsAction({}, form({ ...CLIENTS, imapHost: 'mail.example.org' }));
    expect((await settingsLog()).at(-1)?.data).toBe('mailClients.imapHost: "imap.example.org" -> "mail.example.org"');
  });

  it('the Cyrus and ManageSieve forms say that a password changed, never what it is', async () => {
    const { saveCyrusSettingsAction, saveManageSieveSettingsAction } = await as('root@example.net');
    const cyrusPassword = 'cyrus "secret\\ 1';
    const cyrus = { host: '127.0.0.1', port: '1', adminUser: 'cyrus', adminPassword: cyrusPassword, quotaWarnPercent: '90', sievePort: '4190', defaultBackend: 'dovecot-maildir' };
    expect((await saveCyrusSettingsAction({}, form(cyrus))).ok).toBe(true);
    const cyrusEntry = (await settingsLog()).at(-1)?.data ?? '';
    expect(cyrusEntry).toContain('cyrusAdminPassword: changed');
    expect(cyrusEntry).toContain('cyrusConnection.host: (default) -> "127.0.0.1"');
    // an empty password field keeps the stored one: nothing changed, nothing logged
    const count = (await settingsLog()).length;
    await saveCyrusSettingsAction({}, form({ ...cyrus, adminPassword: '' }));
    expect(await settingsLog()).toHaveLength(count);

    const sievePassword = 'master sieve secret 2';
    expect((await saveManageSieveSettingsAction({}, form({ host: 'sieve.example.org', port: '4190', masterUser: 'mailroom', masterPassword: sievePassword }))).ok).toBe(true);
    const sieveEntry = (await settingsLog()).at(-1)?.data ?? '';
    expect(sieveEntry).toContain('manageSieve.masterPassword: changed');
    expect(sieveEntry).toContain('manageSieve.host: (default) -> "sieve.example.org"');
    const everything = (await getDb().log.findMany({ select: { data: true } })).map((r) => r.data).join('\n');
    expect(everything).not.toContain('secret');
  });

  it("a domain's own storage backend is logged on that domain", async () => {
    const { saveDomainStorageAction } = await as('root@example.net');
    expect((await saveDomainStorageAction({}, form({ domain: 'example.org', backend: 'cyrus', folders: 'Sent, Trash' }))).ok).toBe(true);
    const [entry] = await getDb().log.findMany({ where: { domain: 'example.org', action: 'edit_domain' }, select: { data: true } });
    expect(entry?.data).toBe('storage: cyrus; folders: Sent, Trash');
  });

  it('a refused form and a domain admin change nothing and log nothing', async () => {
    const before = await settingsLog();
    const rows = await getDb().mailroomSetting.findMany({ orderBy: { name: 'asc' } });
    const root = await as('root@example.net');
    expect((await root.saveSettingsAction({}, form({ ...GENERAL, passwordMinLength: '3' }))).fieldErrors?.passwordMinLength).toBeDefined();
    const domainAdmin = await as('dadmin@example.net');
    expect(await domainAdmin.saveSettingsAction({}, form({ ...GENERAL, passwordMinLength: '20' }))).toEqual({ message: 'errors.notFound', values: expect.any(Object) });
    expect(await domainAdmin.saveClientSettingsAction({}, form({ ...CLIENTS, imapHost: 'evil.example' }))).toMatchObject({ message: 'errors.notFound' });
    expect(await settingsLog()).toEqual(before);
    expect(await getDb().mailroomSetting.findMany({ orderBy: { name: 'asc' } })).toEqual(rows);
  });
});

describe('[storage] Mailroom never leaves mailboxes on a storage their domain no longer uses', () => {
  const mailbox = (username: string, domain: string) =>
    getDb().mailbox.create({ data: { username, password: 'x', name: '', maildir: `${domain}/${username.split('@')[0]}/`, localPart: username.split('@')[0] ?? '', domain } });
  const cyrus = { host: '127.0.0.1', port: '1', adminUser: 'cyrus', adminPassword: '', quotaWarnPercent: '90', sievePort: '4190' };

  beforeAll(async () => {
    for (const d of ['full.example', 'empty.example', 'full2.example', 'empty2.example']) await getDb().domain.create({ data: { domain: d, description: '', transport: 'virtual' } });
    await mailbox('ann@full.example', 'full.example');
    await mailbox('bob@full2.example', 'full2.example');
  });

  it("a domain with mailboxes cannot switch storage (refused next to the field, nothing written); its folders can change; an empty domain can switch", async () => {
    const { saveDomainStorageAction, saveCyrusSettingsAction } = await as('root@example.net');
    await saveCyrusSettingsAction({}, form({ ...cyrus, defaultBackend: 'dovecot-maildir' }));
    const logged = await getDb().log.count();
    expect(await saveDomainStorageAction({}, form({ domain: 'full.example', backend: 'cyrus', folders: 'Sent' }))).toMatchObject({ fieldErrors: { backend: ['cyrus.errors.backendInUse'] } });
    expect(await getDb().mailroomDomainStorage.findUnique({ where: { domain: 'full.example' } })).toBeNull();
    expect(await getDb().log.count()).toBe(logged);
    expect((await saveDomainStorageAction({}, form({ domain: 'full.example', backend: 'dovecot-maildir', folders: 'Sent' }))).ok).toBe(true);
    expect((await saveDomainStorageAction({}, form({ domain: 'full.example', backend: '', folders: 'Sent, Trash' }))).ok).toBe(true);
    expect((await saveDomainStorageAction({}, form({ domain: 'empty.example', backend: 'cyrus', folders: 'Sent' }))).ok).toBe(true);
    expect((await getDomainStorage(getDb(), 'empty.example')).backend).toBe('cyrus');
  });

  it('when the default changes, domains with mailboxes keep their storage (logged on each); empty ones follow the new default', async () => {
    const { saveCyrusSettingsAction } = await as('root@example.net');
    expect((await saveCyrusSettingsAction({}, form({ ...cyrus, defaultBackend: 'cyrus' }))).ok).toBe(true);
    expect(await getDomainStorage(getDb(), 'full.example')).toMatchObject({ backend: 'dovecot-maildir', overridden: true, folders: ['Sent', 'Trash'] });
    expect(await getDomainStorage(getDb(), 'full2.example')).toMatchObject({ backend: 'dovecot-maildir', overridden: true });
    expect(await getDomainStorage(getDb(), 'empty2.example')).toMatchObject({ backend: 'cyrus', overridden: false });
    const [entry] = await getDb().log.findMany({ where: { domain: 'full2.example', action: 'edit_domain' }, select: { data: true } });
    expect(entry?.data).toBe('storage: dovecot-maildir (kept: the domain has mailboxes and the default became cyrus)');
    // back again: nothing to keep (every populated domain has its own choice now)
    expect((await saveCyrusSettingsAction({}, form({ ...cyrus, defaultBackend: 'dovecot-maildir' }))).ok).toBe(true);
    expect((await getDomainStorage(getDb(), 'empty2.example')).backend).toBe('dovecot-maildir');
  });
});
