import 'server-only';
import { domainToASCII } from 'node:url';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

export const DOMAIN_PAGE_SIZE = 25;

export interface DomainListRow {
  domain: string;
  description: string;
  aliases: number;
  mailboxes: number;
  maxquota: number;
  quota: number;
  backupmx: boolean;
  active: boolean;
  mailboxCount: number;
  aliasCount: number;
}

/** Which domains an actor may see: every one for a superadmin, else the assigned ones. */
function visibleDomainsWhere(actor: Actor): Prisma.DomainWhereInput {
  return actor.isSuperadmin ? {} : { domain: { in: [...actor.domains] } };
}

function searchWhere(q: string): Prisma.DomainWhereInput {
  const term = q.trim();
  if (!term) return {};
  const ascii = domainToASCII(term) || term; // a Unicode search finds the punycode name
  return { OR: [{ domain: { contains: term.toLowerCase() } }, { domain: { contains: ascii } }, { description: { contains: term } }] };
}

/** One page of the domains the actor may see, with mailbox/alias counts, for the list. */
export async function listDomains(actor: Actor, opts: { q?: string; page?: number }): Promise<{ rows: DomainListRow[]; total: number; page: number; pageCount: number }> {
  const db = getDb();
  const where: Prisma.DomainWhereInput = { AND: [visibleDomainsWhere(actor), searchWhere(opts.q ?? '')] };
  const total = await db.domain.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / DOMAIN_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pageCount);
  const domains = await db.domain.findMany({
    where,
    orderBy: { domain: 'asc' },
    skip: (page - 1) * DOMAIN_PAGE_SIZE,
    take: DOMAIN_PAGE_SIZE,
    select: { domain: true, description: true, aliases: true, mailboxes: true, maxquota: true, quota: true, backupmx: true, active: true },
  });
  const names = domains.map((d) => d.domain);
  const usage = await getDomainUsage(names);
  return {
    rows: domains.map((d) => ({
      ...d,
      maxquota: Number(d.maxquota),
      quota: Number(d.quota),
      mailboxCount: usage.get(d.domain)?.mailboxCount ?? 0,
      aliasCount: usage.get(d.domain)?.aliasCount ?? 0,
    })),
    total,
    page,
    pageCount,
  };
}

/**
 * Mailbox and alias counts per domain, from the `domain` indexes alone (fast on 100,000 mailboxes).
 * Every mailbox has an alias row of its own (PostfixAdmin's convention), which is not an alias:
 * like PostfixAdmin, aliases = alias rows - mailboxes.
 */
export async function getDomainUsage(domains: string[]): Promise<Map<string, { mailboxCount: number; aliasCount: number }>> {
  const usage = new Map<string, { mailboxCount: number; aliasCount: number }>();
  if (domains.length === 0) return usage;
  const db = getDb();
  for (const d of domains) usage.set(d, { mailboxCount: 0, aliasCount: 0 });
  const [mailboxRows, aliasRows] = await Promise.all([
    db.mailbox.groupBy({ by: ['domain'], where: { domain: { in: domains } }, _count: { _all: true } }),
    db.alias.groupBy({ by: ['domain'], where: { domain: { in: domains } }, _count: { _all: true } }),
  ]);
  for (const r of mailboxRows) {
    const u = usage.get(r.domain.toLowerCase());
    if (u) u.mailboxCount = r._count._all;
  }
  for (const r of aliasRows) {
    const u = usage.get(r.domain.toLowerCase());
    if (u) u.aliasCount = r._count._all;
  }
  for (const u of usage.values()) u.aliasCount = Math.max(0, u.aliasCount - u.mailboxCount);
  return usage;
}

/** Sum of a domain's mailbox quotas in bytes (what is promised against the domain quota). */
export async function getDomainAllocatedBytes(domain: string): Promise<bigint> {
  const r = await getDb().mailbox.aggregate({ where: { domain }, _sum: { quota: true } });
  return r._sum.quota ?? 0n;
}

/** A domain the actor may manage, or null; callers answer 404 either way, so existence does not leak. */
export async function findDomainForActor(actor: Actor, domain: string) {
  if (!canManageDomain(actor, domain)) return null;
  return getDb().domain.findUnique({
    where: { domain: domain.toLowerCase() },
    select: { domain: true, description: true, aliases: true, mailboxes: true, maxquota: true, quota: true, transport: true, backupmx: true, active: true, created: true, modified: true },
  });
}

export const LOG_PAGE_SIZE = 50;

/** The domain's activity, newest first, optionally filtered by action. */
export async function listDomainLog(actor: Actor, domain: string, opts: { page?: number; action?: string }) {
  if (!canManageDomain(actor, domain)) return null;
  const db = getDb();
  const where: Prisma.LogWhereInput = { domain, ...(opts.action ? { action: opts.action } : {}) };
  const total = await db.log.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / LOG_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pageCount);
  const rows = await db.log.findMany({
    where,
    orderBy: [{ timestamp: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * LOG_PAGE_SIZE,
    take: LOG_PAGE_SIZE,
    select: { id: true, timestamp: true, username: true, action: true, data: true },
  });
  const actions = await db.log.findMany({ where: { domain }, distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } });
  return { rows, total, page, pageCount, actions: actions.map((a) => a.action) };
}

/** What deleting a domain removes, to name it in the confirmation. */
export async function getDomainDeletionSummary(actor: Actor, domain: string) {
  const found = await findDomainForActor(actor, domain);
  if (!found || !actor.isSuperadmin) return null;
  const usage = (await getDomainUsage([found.domain])).get(found.domain);
  const aliasDomains = await getDb().aliasDomain.count({ where: { OR: [{ aliasDomain: found.domain }, { targetDomain: found.domain }] } });
  return { domain: found.domain, mailboxCount: usage?.mailboxCount ?? 0, aliasCount: usage?.aliasCount ?? 0, aliasDomainCount: aliasDomains };
}
