import { toLatin1Text } from '@/lib/audit-log/latin1';
import type { AuditAction } from '@/lib/audit-log/write';
import { ALL_DOMAINS, canManageDomains, type Actor } from '@/lib/auth/permissions';
import { getDb, type Db, type Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { maildirFor } from '@/lib/mailboxes/address';
import { cyrusErrorKey } from '@/lib/mail/cyrus/error-keys';
import { parseCyrusUser } from '@/lib/mail/cyrus/names';
import { readCyrusUsage } from '@/lib/mail/cyrus/operations';
import { getCyrusConnection } from '@/lib/mail/cyrus/settings';
import { getSettings } from '@/lib/settings/settings';
import { candidateNames, planImport } from './plan';
import { readWebCyradm, SourceError } from './source';
import type { CyradmData, Existing, ImportPlan, PasswordMode } from './types';

// The import: read web-cyradm, plan (plan.ts), then either report (dry run) or write everything in
// ONE transaction, planned again inside it against what exists then: any error rolls it all back.
// Usable from the CLI (no server-only imports) and from the page's actions.

export interface ImportRequest {
  url: string;
  passwords: PasswordMode;
  adminDomain: string | null;
  /** read each account's own quota from the Cyrus configured in Mailroom (else: its domain's default) */
  cyrusQuotas: boolean;
  dryRun: boolean;
}

export type ImportOutcome = { ok: true; dryRun: boolean; plan: ImportPlan } | { ok: false; key: string; detail: string };

const TRANSACTION = { maxWait: 10_000, timeout: 600_000 } as const;

async function readExisting(db: Db | Tx, data: CyradmData, adminDomain: string | null): Promise<Existing> {
  const names = candidateNames(data, { adminDomain });
  const [domains, aliasDomains, mailboxes, aliases, admins] = await Promise.all([
    db.domain.findMany({ where: { domain: { in: names.domains } }, select: { domain: true } }),
    db.aliasDomain.findMany({ where: { aliasDomain: { in: names.domains } }, select: { aliasDomain: true } }),
    db.mailbox.findMany({ where: { username: { in: names.addresses } }, select: { username: true } }),
    db.alias.findMany({ where: { address: { in: names.addresses } }, select: { address: true } }),
    db.admin.findMany({ where: { username: { in: names.admins } }, select: { username: true } }),
  ]);
  const lower = (s: string) => s.toLowerCase();
  return {
    domains: new Set([...domains.map((d) => lower(d.domain)), ...aliasDomains.map((d) => lower(d.aliasDomain))]),
    addresses: new Set([...mailboxes.map((m) => lower(m.username)), ...aliases.map((a) => lower(a.address))]),
    admins: new Set(admins.map((a) => lower(a.username))),
  };
}

/** The accounts' own STORAGE limits on Cyrus (KiB, null = none), for the names Cyrus can be asked about. */
async function readQuotas(data: CyradmData): Promise<Map<string, number | null>> {
  const names = data.accounts.map((a) => a.username).filter((u) => {
    try {
      parseCyrusUser(u);
      return true;
    } catch {
      return false;
    }
  });
  const usage = await readCyrusUsage(await getCyrusConnection(getDb()), names);
  const out = new Map<string, number | null>();
  for (const [name, u] of usage) if (u) out.set(name, u.limitKib);
  return out;
}

async function writePlan(tx: Tx, plan: ImportPlan, actor: Actor): Promise<void> {
  const now = new Date();
  const logs: { domain: string; action: AuditAction; data: string }[] = [];
  for (const d of plan.domains) {
    await tx.domain.create({
      data: { domain: d.domain, description: 'Imported from web-cyradm', aliases: 0, mailboxes: d.mailboxes, maxquota: BigInt(d.maxquotaMb), quota: BigInt(d.quotaMb), transport: d.transport, backupmx: false, active: true, created: now, modified: now },
    });
    await tx.mailroomDomainStorage.upsert({ where: { domain: d.domain }, create: { domain: d.domain, backend: 'cyrus', folders: d.folders.join(', ') }, update: { backend: 'cyrus', folders: d.folders.join(', ') } });
    logs.push({ domain: d.domain, action: 'create_domain', data: `${d.domain} (imported from web-cyradm)` });
  }
  await tx.mailbox.createMany({
    data: plan.mailboxes.map((m) => ({ username: m.username, password: m.password, name: '', maildir: maildirFor(m.localPart, m.domain), quota: m.quotaBytes, localPart: m.localPart, domain: m.domain, active: true, created: now, modified: now })),
  });
  await tx.alias.createMany({ data: plan.aliases.map((a) => ({ address: a.address, goto: a.goto.join(','), domain: a.domain, active: true, created: now, modified: now })) });
  for (const m of plan.mailboxes) logs.push({ domain: m.domain, action: 'create_mailbox', data: `${m.username} (imported from web-cyradm)` });
  for (const a of plan.aliases.filter((x) => x.kind !== 'mailbox')) logs.push({ domain: a.domain, action: 'create_alias', data: `${a.address} -> ${a.goto.join(',')} (imported from web-cyradm)` });
  for (const a of plan.admins) {
    await tx.admin.create({ data: { username: a.username, password: a.password, superadmin: a.superadmin, active: true, created: now, modified: now } });
    // PostfixAdmin reads a superadmin from the flag or from a domain_admins row for ALL: write both
    const rows = a.superadmin ? [ALL_DOMAINS] : a.domains;
    if (rows.length) await tx.domainAdmin.createMany({ data: rows.map((domain) => ({ username: a.username, domain, active: true, created: now })) });
    logs.push({ domain: '', action: 'create_admin', data: `${a.username}${a.superadmin ? ' (superadmin)' : ''} (imported from web-cyradm)` });
    for (const domain of a.domains) logs.push({ domain, action: 'create_admin', data: `${a.username}: assigned` });
  }
  const username = toLatin1Text(actor.auditName).slice(0, 255);
  await tx.log.createMany({ data: logs.map((l) => ({ timestamp: now, username, domain: l.domain, action: l.action, data: toLatin1Text(l.data) })) });
}

/**
 * Reads web-cyradm at `request.url` and reports (dry run) or imports it. Superadmin only. Every
 * expected failure is an outcome with an i18n key; nothing is written unless everything is.
 */
export async function runWebCyradmImport(actor: Actor, request: ImportRequest): Promise<ImportOutcome> {
  if (!canManageDomains(actor)) return { ok: false, key: 'errors.notFound', detail: 'superadmins only' };
  let data: CyradmData;
  let cyrusQuotas: Map<string, number | null> | null = null;
  try {
    data = await readWebCyradm(request.url);
    if (request.cyrusQuotas) cyrusQuotas = await readQuotas(data);
  } catch (err) {
    if (err instanceof SourceError) return { ok: false, key: err.key, detail: err.message };
    const key = cyrusErrorKey(err);
    return { ok: false, key, detail: (err as Error).message };
  }
  const db = getDb();
  const options = { passwords: request.passwords, adminDomain: request.adminDomain, cyrusQuotas, defaultTransport: (await getSettings(db)).defaultTransport };
  if (request.dryRun) return { ok: true, dryRun: true, plan: planImport(data, await readExisting(db, data, request.adminDomain), options) };
  try {
    const plan = await db.$transaction(async (tx) => {
      const planned = planImport(data, await readExisting(tx, data, request.adminDomain), options);
      await writePlan(tx, planned, actor);
      return planned;
    }, TRANSACTION);
    return { ok: true, dryRun: false, plan };
  } catch (err) {
    // a row created meanwhile by someone else: nothing was written, a new dry run shows the conflict
    if (isUniqueViolation(err)) return { ok: false, key: 'import.errors.conflict', detail: (err as Error).message };
    return { ok: false, key: 'import.errors.failed', detail: (err as Error).message };
  }
}
