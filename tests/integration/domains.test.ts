import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { createDomainSchema } from '@/lib/domains/schema';
import { createDomain, deleteDomain, setDomainActive, updateDomain } from '@/lib/domains/service';
import { findDomainForActor, listDomainLog, listDomains } from '@/lib/domains/queries';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { withSql } from './helpers/database';

const dbUrl = useMigratedDatabase();

/** The domain form as a browser posts it, through the same zod schema as the action. */
function form(fields: Record<string, string>) {
  return createDomainSchema.parse({ aliases: '0', mailboxes: '0', maxquota: '0', quota: '0', transport: 'virtual', description: '', active: 'on', ...fields });
}

// Postfix's documented queries (shared/COMPAT.md), run verbatim with %s substituted as Postfix does.
const VIRTUAL_MAILBOX_DOMAINS = "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '0' AND active = '1'";
const RELAY_DOMAINS = "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '1' AND active = '1'";
const TRANSPORT_MAPS = "SELECT transport FROM domain WHERE domain='%s' AND active = '1'";

async function postfix(query: string, key: string): Promise<string[]> {
  return withSql(dbUrl(), async (conn) => {
    const rows: Record<string, string>[] = await conn.query(query.replace('%s', key.replace(/'/g, "''")));
    return rows.map((r) => String(Object.values(r)[0]));
  });
}

describe('[domain] Postfix reads what Mailroom writes', () => {
  it('a hosted domain answers virtual_mailbox_domains and transport_maps, not relay_domains', async () => {
    expect(await createDomain(superadmin, form({ domain: 'hosted.example', transport: 'lmtp:unix:private/dovecot-lmtp' }))).toMatchObject({ ok: true });
    expect(await postfix(VIRTUAL_MAILBOX_DOMAINS, 'hosted.example')).toEqual(['hosted.example']);
    expect(await postfix(RELAY_DOMAINS, 'hosted.example')).toEqual([]);
    expect(await postfix(TRANSPORT_MAPS, 'hosted.example')).toEqual(['lmtp:unix:private/dovecot-lmtp']);
  });

  it('a backup-MX domain answers relay_domains only', async () => {
    expect(await createDomain(superadmin, form({ domain: 'backup.example', backupmx: 'on', transport: 'relay:[primary.example]' }))).toMatchObject({ ok: true });
    expect(await postfix(RELAY_DOMAINS, 'backup.example')).toEqual(['backup.example']);
    expect(await postfix(VIRTUAL_MAILBOX_DOMAINS, 'backup.example')).toEqual([]);
  });

  it('an IDN domain is stored in punycode, which is what Postfix looks up', async () => {
    expect(await createDomain(superadmin, form({ domain: 'Ünïcödé.Example.' }))).toMatchObject({ ok: true });
    expect(await postfix(VIRTUAL_MAILBOX_DOMAINS, 'xn--ncd-dma1a7bzb.example')).toEqual(['xn--ncd-dma1a7bzb.example']);
  });

  it('a deactivated domain stops answering, and answers again once reactivated', async () => {
    expect(await setDomainActive(superadmin, 'hosted.example', false)).toMatchObject({ ok: true });
    expect(await postfix(VIRTUAL_MAILBOX_DOMAINS, 'hosted.example')).toEqual([]);
    expect(await postfix(TRANSPORT_MAPS, 'hosted.example')).toEqual([]);
    expect(await setDomainActive(superadmin, 'hosted.example', true)).toMatchObject({ ok: true });
    expect(await postfix(VIRTUAL_MAILBOX_DOMAINS, 'hosted.example')).toEqual(['hosted.example']);
  });
});

describe('[domain] rules', () => {
  it('default aliases are created with the domain, audited, and counted apart from mailboxes', async () => {
    const input = form({ domain: 'aliases.example', addDefaultAliases: 'on', target_abuse: 'desk@hosted.example', target_postmaster: 'pm@hosted.example', target_hostmaster: '', target_webmaster: 'web@hosted.example' });
    expect(await createDomain(superadmin, input)).toMatchObject({ ok: true });
    const rows = await getDb().alias.findMany({ where: { domain: 'aliases.example' }, orderBy: { address: 'asc' }, select: { address: true, goto: true, active: true } });
    expect(rows).toEqual([
      { address: 'abuse@aliases.example', goto: 'desk@hosted.example', active: true },
      { address: 'postmaster@aliases.example', goto: 'pm@hosted.example', active: true },
      { address: 'webmaster@aliases.example', goto: 'web@hosted.example', active: true },
    ]);
    const log = await getDb().log.findMany({ where: { domain: 'aliases.example' }, orderBy: { id: 'asc' }, select: { action: true, username: true, data: true } });
    expect(log.map((l) => l.action)).toEqual(['create_domain', 'create_alias', 'create_alias', 'create_alias']);
    expect(log[0]).toMatchObject({ username: superadmin.auditName, data: 'aliases.example' });
    const list = await listDomains(superadmin, { q: 'aliases.example' });
    expect(list.rows[0]).toMatchObject({ domain: 'aliases.example', aliasCount: 3, mailboxCount: 0 });
  });

  it('a domain admin cannot create, edit, deactivate or delete a domain, and nothing is written', async () => {
    const admin = domainAdmin('hosted.example');
    const before = await getDb().log.count();
    expect(await createDomain(admin, form({ domain: 'sneaky.example' }))).toEqual({ message: 'errors.notFound' });
    expect(await updateDomain(admin, { ...form({ domain: 'hosted.example' }), description: 'pwned' })).toEqual({ message: 'errors.notFound' });
    expect(await setDomainActive(admin, 'hosted.example', false)).toEqual({ message: 'errors.notFound' });
    expect(await deleteDomain(admin, 'hosted.example', 'hosted.example')).toEqual({ message: 'errors.notFound' });
    expect(await getDb().domain.findUnique({ where: { domain: 'sneaky.example' } })).toBeNull();
    expect(await getDb().domain.findUnique({ where: { domain: 'hosted.example' }, select: { description: true, active: true } })).toEqual({ description: '', active: true });
    expect(await getDb().log.count()).toBe(before);
  });

  it('a domain admin sees only the assigned domains; a foreign one is not found', async () => {
    const admin = domainAdmin('hosted.example');
    const list = await listDomains(admin, {});
    expect(list.rows.map((r) => r.domain)).toEqual(['hosted.example']);
    expect(await findDomainForActor(admin, 'backup.example')).toBeNull();
    expect(await findDomainForActor(admin, 'HOSTED.example')).toMatchObject({ domain: 'hosted.example' });
    expect(await listDomainLog(admin, 'backup.example', {})).toBeNull();
  });

  it('a duplicate domain is refused with a field error (case-insensitively)', async () => {
    expect(await createDomain(superadmin, form({ domain: 'HOSTED.example' }))).toEqual({ fieldErrors: { domain: ['domain.errors.exists'] } });
    // with the default aliases asked for too (they exist already, as the domain's own)
    expect(await createDomain(superadmin, form({ domain: 'aliases.example', addDefaultAliases: 'on', target_abuse: 'x@hosted.example' }))).toEqual({ fieldErrors: { domain: ['domain.errors.exists'] } });
  });

  it('a stale default alias makes the whole creation fail cleanly', async () => {
    await getDb().alias.create({ data: { address: 'abuse@stale.example', goto: 'old@elsewhere.example', domain: 'stale.example' } });
    const r = await createDomain(superadmin, form({ domain: 'stale.example', addDefaultAliases: 'on', target_abuse: 'x@hosted.example' }));
    expect(r).toEqual({ fieldErrors: { addDefaultAliases: ['domain.errors.aliasExists'] } });
    expect(await getDb().domain.findUnique({ where: { domain: 'stale.example' } })).toBeNull();
    expect(await getDb().log.count({ where: { domain: 'stale.example' } })).toBe(0);
  });

  it('a failure half-way leaves nothing half-made (domain, aliases and log share one transaction)', async () => {
    await withSql(dbUrl(), (c) => c.query('RENAME TABLE log TO log_away'));
    try {
      await expect(createDomain(superadmin, form({ domain: 'halfway.example', addDefaultAliases: 'on', target_abuse: 'x@hosted.example' }))).rejects.toThrow();
    } finally {
      await withSql(dbUrl(), (c) => c.query('RENAME TABLE log_away TO log'));
    }
    expect(await getDb().domain.findUnique({ where: { domain: 'halfway.example' } })).toBeNull();
    expect(await getDb().alias.count({ where: { domain: 'halfway.example' } })).toBe(0);
  });

  it('editing records each changed field in the log; an unchanged save writes nothing', async () => {
    const input = { ...form({ domain: 'backup.example', backupmx: 'on', transport: 'relay:[primary.example]' }), description: 'Secondary MX', mailboxes: 5 };
    expect(await updateDomain(superadmin, input)).toEqual({ ok: true, message: 'domain.saved' });
    const last = await getDb().log.findFirst({ where: { domain: 'backup.example' }, orderBy: { id: 'desc' }, select: { action: true, data: true } });
    expect(last).toEqual({ action: 'edit_domain', data: 'description:  -> Secondary MX; mailboxes: 0 -> 5' });
    const count = await getDb().log.count();
    expect(await updateDomain(superadmin, input)).toEqual({ ok: true, message: 'domain.unchanged' });
    expect(await getDb().log.count()).toBe(count);
  });

  it('deleting a domain removes what lives in it and keeps its history', async () => {
    const db = getDb();
    await db.mailbox.create({ data: { username: 'bob@aliases.example', password: 'x', name: 'Bob', maildir: 'aliases.example/bob/', localPart: 'bob', domain: 'aliases.example' } });
    await db.alias.create({ data: { address: 'bob@aliases.example', goto: 'bob@aliases.example', domain: 'aliases.example' } });
    await db.quota2.create({ data: { username: 'bob@aliases.example', bytes: 100n, messages: 1 } });
    await db.aliasDomain.create({ data: { aliasDomain: 'alias-of.example', targetDomain: 'aliases.example' } });
    await db.domainAdmin.create({ data: { username: 'someone@x.example', domain: 'aliases.example' } });
    expect(await deleteDomain(superadmin, 'aliases.example', 'wrong.example')).toEqual({ fieldErrors: { confirm: ['domain.errors.confirmMismatch'] } });
    expect(await db.domain.count({ where: { domain: 'aliases.example' } })).toBe(1);

    expect(await deleteDomain(superadmin, 'aliases.example', ' Aliases.Example ')).toEqual({ ok: true, message: 'domain.deleted' });
    expect(await db.domain.count({ where: { domain: 'aliases.example' } })).toBe(0);
    expect(await db.mailbox.count({ where: { domain: 'aliases.example' } })).toBe(0);
    expect(await db.alias.count({ where: { domain: 'aliases.example' } })).toBe(0);
    expect(await db.quota2.count({ where: { username: 'bob@aliases.example' } })).toBe(0);
    expect(await db.aliasDomain.count({ where: { targetDomain: 'aliases.example' } })).toBe(0);
    expect(await db.domainAdmin.count({ where: { domain: 'aliases.example' } })).toBe(0);
    const history = await db.log.findMany({ where: { domain: 'aliases.example' }, orderBy: { id: 'desc' }, take: 1, select: { action: true, data: true } });
    expect(history).toEqual([{ action: 'delete_domain', data: 'aliases.example: 1 mailboxes, 3 aliases, 1 alias domains' }]);
  });

  it('lists are paginated and searchable by Unicode name', async () => {
    for (let i = 0; i < 30; i++) await createDomain(superadmin, form({ domain: `bulk${String(i).padStart(2, '0')}.example` }));
    const page1 = await listDomains(superadmin, { q: 'bulk' });
    expect(page1).toMatchObject({ total: 30, page: 1, pageCount: 2 });
    expect(page1.rows).toHaveLength(25);
    const page2 = await listDomains(superadmin, { q: 'bulk', page: 2 });
    expect(page2.rows.map((r) => r.domain)).toEqual(['bulk25.example', 'bulk26.example', 'bulk27.example', 'bulk28.example', 'bulk29.example']);
    expect((await listDomains(superadmin, { q: 'ünïcödé' })).rows.map((r) => r.domain)).toEqual(['xn--ncd-dma1a7bzb.example']);
    expect((await listDomains(superadmin, { page: 999 })).page).toBe(2);
  });
});
