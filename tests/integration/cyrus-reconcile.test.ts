import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { deleteDomain } from '@/lib/domains/service';
import { ensureCyrusMailbox, listCyrusUsers, readCyrusUsage } from '@/lib/mail/cyrus/operations';
import { findCyrusQuotaUsage, getCyrusPageData } from '@/lib/mail/cyrus/queries';
import { reconcileCyrus } from '@/lib/mail/cyrus/reconcile';
import { adoptOrphansOnCyrus, createMissingOnCyrus, deleteOrphansOnCyrus } from '@/lib/mail/cyrus/service';
import { getCyrusConnection, getCyrusSettings, saveCyrusSettings } from '@/lib/mail/cyrus/settings';
import { createMailbox } from '@/lib/mailboxes/service';
import { getSettings } from '@/lib/settings/settings';
import { getDomainStorage, listCyrusDomains, saveDefaultStorageBackend, saveDomainStorage } from '@/lib/settings/storage-backend';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { asCyrusAdmin, CYRUS, CYRUS_ADMIN_PASSWORD, listAllMailboxes, restartCyrus, stopCyrus, useCyrus } from './helpers/cyrus';
import { withSql } from './helpers/database';
import { addMailbox } from './helpers/mail-rows';
import { insertDomain, newMailboxForm } from './helpers/mailboxes';
import { str } from '@/lib/mail/cyrus/imap-syntax';

// Mailroom's mailboxes against Cyrus's: the lists, the fix for each kind, the settings they use.

const dbUrl = useMigratedDatabase();
useCyrus();

const logOf = (action: string) => getDb().log.findMany({ where: { action }, select: { data: true, username: true }, orderBy: { id: 'asc' } });

beforeAll(async () => {
  await insertDomain(dbUrl(), 'cy.test');
  await insertDomain(dbUrl(), 'dc.test');
  await insertDomain(dbUrl(), 'other.test');
});

describe('[cyrus] storage backend per installation and per domain', () => {
  it('follows the default until a domain has its own choice', async () => {
    const db = getDb();
    expect(await getDomainStorage(db, 'cy.test')).toEqual({ backend: 'dovecot-maildir', overridden: false, folders: [] });
    await saveDomainStorage(db, 'cy.test', { backend: 'cyrus', folders: ['Sent', 'Trash'] });
    expect(await getDomainStorage(db, 'cy.test')).toEqual({ backend: 'cyrus', overridden: true, folders: ['Sent', 'Trash'] });
    expect(await listCyrusDomains(db)).toEqual(['cy.test']);
    await saveDefaultStorageBackend(db, 'cyrus');
    await saveDomainStorage(db, 'dc.test', { backend: 'dovecot-maildir', folders: [] });
    expect(await listCyrusDomains(db)).toEqual(['cy.test', 'other.test']);
    await saveDomainStorage(db, 'other.test', { backend: null, folders: ['Sent'] });
    expect(await getDomainStorage(db, 'other.test')).toEqual({ backend: 'cyrus', overridden: false, folders: ['Sent'] });
    await saveDefaultStorageBackend(db, 'dovecot-maildir');
    expect(await listCyrusDomains(db)).toEqual(['cy.test']);
  });

  it("forgets a deleted domain's choice, so a new domain of that name starts from the default", async () => {
    await insertDomain(dbUrl(), 'gone.test');
    await saveDomainStorage(getDb(), 'gone.test', { backend: 'cyrus', folders: [] });
    expect(await deleteDomain(superadmin, 'gone.test', 'gone.test')).toMatchObject({ ok: true });
    expect(await getDb().mailroomDomainStorage.count({ where: { domain: 'gone.test' } })).toBe(0);
  });
});

describe('[cyrus] connection settings', () => {
  it('is not configured until a host, admin and password are stored', async () => {
    await expect(getCyrusConnection(getDb())).rejects.toThrow(/not configured/);
    expect(await getCyrusSettings(getDb())).toMatchObject({ host: '', adminUser: 'cyrus', hasAdminPassword: false, quotaWarnPercent: 90 });
  });

  it('keeps the password out of every reader but the connection; an empty field keeps it', async () => {
    const db = getDb();
    await saveCyrusSettings(db, { host: '127.0.0.1', port: CYRUS.port, tls: false, adminUser: 'cyrus', quotaWarnPercent: 80, adminPassword: CYRUS_ADMIN_PASSWORD });
    await saveCyrusSettings(db, { host: '127.0.0.1', port: CYRUS.port, tls: false, adminUser: 'cyrus', quotaWarnPercent: 85 });
    const settings = await getCyrusSettings(db);
    expect(settings).toEqual({ host: '127.0.0.1', port: CYRUS.port, tls: false, adminUser: 'cyrus', quotaWarnPercent: 85, sievePort: 4190, hasAdminPassword: true });
    expect(JSON.stringify(settings)).not.toContain('pé#;');
    expect(JSON.stringify(await getSettings(db))).not.toContain('pé#;');
    expect((await getCyrusPageData(superadmin))?.settings).toEqual(settings);
    expect((await getCyrusConnection(db)).adminPassword).toBe(CYRUS_ADMIN_PASSWORD);
  });
});

describe('[cyrus] reconciliation', () => {
  beforeAll(async () => {
    for (const [domain, localPart] of [['cy.test', 'synced'], ['dc.test', 'elsewhere']] as const) {
      expect(await createMailbox(superadmin, newMailboxForm({ domain, localPart, quota: '5' }))).toMatchObject({ ok: true });
    }
    // a row written by another tool (PostfixAdmin, a script): no job makes its Cyrus side
    await addMailbox('missing@cy.test');
    await getDb().mailbox.update({ where: { username: 'missing@cy.test' }, data: { quota: 5n * 1_048_576n } });
    await ensureCyrusMailbox(CYRUS, { username: 'synced@cy.test', quotaBytes: 0n, folders: [] });
    await ensureCyrusMailbox(CYRUS, { username: 'orphan@cy.test', quotaBytes: 3_072_000n, folders: ['Sent'] });
    await ensureCyrusMailbox(CYRUS, { username: 'stranger@other.test', quotaBytes: 0n, folders: [] });
    await ensureCyrusMailbox(CYRUS, { username: 'elsewhere@dc.test', quotaBytes: 0n, folders: [] });
    await asCyrusAdmin((s) => s.run('CREATE', [str('user/nodomain')]));
  });

  it('lists what is missing on Cyrus and what Cyrus has without a Mailroom mailbox', async () => {
    const lists = await reconcileCyrus(getDb(), await getCyrusConnection(getDb()));
    expect(lists.missingOnCyrus).toEqual([{ username: 'missing@cy.test', domain: 'cy.test', quotaBytes: 5n * 1_048_576n }]);
    expect(lists.orphansOnCyrus).toEqual([
      { username: 'elsewhere@dc.test', status: 'conflict' },
      { username: 'nodomain', status: 'unmanaged' },
      { username: 'orphan@cy.test', status: 'adoptable' },
      { username: 'stranger@other.test', status: 'foreign-domain' },
    ]);
    expect(lists.inSync).toBe(1);
  });

  it('lets only the superadmin fix anything (same answer as a missing page)', async () => {
    const before = await listAllMailboxes();
    for (const fix of [createMissingOnCyrus, adoptOrphansOnCyrus, deleteOrphansOnCyrus]) {
      expect(await fix(domainAdmin('cy.test'))).toEqual({ message: 'errors.notFound' });
    }
    expect(await getCyrusPageData(domainAdmin('cy.test'))).toBeNull();
    expect(await listAllMailboxes()).toEqual(before);
  });

  it('creates the missing mailboxes with their quota and their domain folders, audited', async () => {
    expect(await createMissingOnCyrus(superadmin)).toEqual({ ok: true, message: 'cyrus.fix.created', done: ['missing@cy.test'], failed: [] });
    expect((await listAllMailboxes()).filter((n) => n.includes('missing'))).toEqual(['user/missing/Sent@cy.test', 'user/missing/Trash@cy.test', 'user/missing@cy.test']);
    expect((await readCyrusUsage(CYRUS, ['missing@cy.test'])).get('missing@cy.test')).toEqual({ usedKib: 0, limitKib: 5120 });
    expect(await logOf('cyrus_create_mailbox')).toEqual([{ data: 'missing@cy.test', username: superadmin.auditName }]);
  });

  it('adopts the orphans of Cyrus-backed domains as mailboxes, quota from Cyrus', async () => {
    expect(await adoptOrphansOnCyrus(superadmin)).toEqual({ ok: true, message: 'cyrus.fix.adopted', done: ['orphan@cy.test'], failed: [] });
    const row = await getDb().mailbox.findUnique({ where: { username: 'orphan@cy.test' }, select: { quota: true, maildir: true, active: true, domain: true } });
    expect(row).toEqual({ quota: 3_072_000n, maildir: 'cy.test/orphan/', active: true, domain: 'cy.test' });
    expect(await getDb().alias.findUnique({ where: { address: 'orphan@cy.test' }, select: { goto: true } })).toEqual({ goto: 'orphan@cy.test' });
    expect(await logOf('create_mailbox')).toContainEqual({ data: 'orphan@cy.test (adopted from Cyrus)', username: superadmin.auditName });
  });

  it('deletes the orphans Mailroom may delete, and leaves the others alone', async () => {
    expect(await deleteOrphansOnCyrus(superadmin)).toEqual({ ok: true, message: 'cyrus.fix.deleted', done: ['stranger@other.test'], failed: [] });
    expect(await listCyrusUsers(CYRUS)).toEqual(['elsewhere@dc.test', 'missing@cy.test', 'nodomain', 'orphan@cy.test', 'synced@cy.test']);
    expect(await logOf('cyrus_delete_mailbox')).toEqual([{ data: 'stranger@other.test (no Mailroom mailbox)', username: superadmin.auditName }]);
  });

  it('shows the quota usage of a Cyrus-backed domain only, from Cyrus', async () => {
    const usage = await findCyrusQuotaUsage(superadmin, 'cy.test', ['missing@cy.test', 'synced@cy.test', 'x@elsewhere.test']);
    expect(usage).toEqual({ warnPercent: 85, problem: null, creating: new Map(), usage: new Map([['missing@cy.test', { usedKib: 0, limitKib: 5120 }], ['synced@cy.test', { usedKib: null, limitKib: null }]]) });
    expect(await findCyrusQuotaUsage(superadmin, 'dc.test', ['elsewhere@dc.test'])).toBeNull();
    expect(await findCyrusQuotaUsage(domainAdmin('dc.test'), 'cy.test', ['missing@cy.test'])).toBeNull();
  });

  it('answers "Cyrus unavailable" while Cyrus is down, and changes nothing', async () => {
    await withSql(dbUrl(), (c) => c.query("DELETE FROM mailbox WHERE username = 'synced@cy.test'"));
    await stopCyrus();
    try {
      expect(await createMissingOnCyrus(superadmin)).toEqual({ message: 'cyrus.errors.unavailable' });
      expect(await deleteOrphansOnCyrus(superadmin)).toEqual({ message: 'cyrus.errors.unavailable' });
      expect((await getCyrusPageData(superadmin))?.problem).toBe('cyrus.errors.unavailable');
      expect((await findCyrusQuotaUsage(superadmin, 'cy.test', ['missing@cy.test']))?.problem).toBe('cyrus.errors.unavailable');
    } finally {
      await restartCyrus();
    }
    expect(await listCyrusUsers(CYRUS)).toContain('synced@cy.test');
  });
});
