import 'server-only';
import { ALL_DOMAINS, canManageAdmins, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { assignedDomains, isSuperadminRecord } from './rules';

export const ADMIN_PAGE_SIZE = 25;

export interface AdminRow {
  username: string;
  isSuperadmin: boolean;
  active: boolean;
  domains: string[];
  modified: Date;
}

type DomainRow = { username: string; domain: string; active: boolean };

/** The domain_admins rows of these admins, grouped by admin. */
async function rowsByAdmin(usernames: string[]): Promise<Map<string, DomainRow[]>> {
  const rows = usernames.length
    ? await getDb().domainAdmin.findMany({ where: { username: { in: usernames } }, select: { username: true, domain: true, active: true } })
    : [];
  const map = new Map<string, DomainRow[]>(usernames.map((u) => [u, []]));
  for (const r of rows) map.get(r.username.toLowerCase())?.push(r);
  return map;
}

/** A search finds an admin by its name or by a domain it manages. */
async function searchWhere(q: string): Promise<Prisma.AdminWhereInput> {
  const term = q.trim().toLowerCase();
  if (!term) return {};
  const byDomain = await getDb().domainAdmin.findMany({ where: { domain: { contains: term, not: ALL_DOMAINS } }, distinct: ['username'], select: { username: true } });
  return { OR: [{ username: { contains: term } }, { username: { in: byDomain.map((r) => r.username) } }] };
}

/** One page of admins for the superadmin's list; null for anyone else. */
export async function listAdmins(actor: Actor, opts: { q?: string; page?: number }) {
  if (!canManageAdmins(actor)) return null;
  const db = getDb();
  const where = await searchWhere(opts.q ?? '');
  const total = await db.admin.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(opts.page ?? 1)), pageCount);
  const admins = await db.admin.findMany({
    where,
    orderBy: { username: 'asc' },
    skip: (page - 1) * ADMIN_PAGE_SIZE,
    take: ADMIN_PAGE_SIZE,
    select: { username: true, superadmin: true, active: true, modified: true },
  });
  const rows = await rowsByAdmin(admins.map((a) => a.username.toLowerCase()));
  const list: AdminRow[] = admins.map((a) => {
    const own = rows.get(a.username.toLowerCase()) ?? [];
    return { username: a.username, isSuperadmin: isSuperadminRecord(a.superadmin, own), active: a.active, domains: assignedDomains(own), modified: a.modified };
  });
  return { rows: list, total, page, pageCount };
}

/** One admin, as the edit page shows it; null if missing or if the actor may not manage admins. */
export async function findAdminForActor(actor: Actor, username: string): Promise<AdminRow | null> {
  if (!canManageAdmins(actor)) return null;
  const admin = await getDb().admin.findUnique({ where: { username: username.toLowerCase() }, select: { username: true, superadmin: true, active: true, modified: true } });
  if (!admin) return null;
  const own = (await rowsByAdmin([admin.username.toLowerCase()])).get(admin.username.toLowerCase()) ?? [];
  return { username: admin.username, isSuperadmin: isSuperadminRecord(admin.superadmin, own), active: admin.active, domains: assignedDomains(own), modified: admin.modified };
}

/** Every domain name, for the domain checkboxes of the admin form (superadmins only). */
export async function listDomainChoices(actor: Actor): Promise<string[]> {
  if (!canManageAdmins(actor)) return [];
  const rows = await getDb().domain.findMany({ orderBy: { domain: 'asc' }, select: { domain: true } });
  return rows.map((r) => r.domain);
}

/**
 * The admins assigned to a domain, and the other admins who could be assigned to it, for the
 * domain's admins page (superadmins only: null for anyone else, or when the domain does not exist).
 */
export async function listDomainAdmins(actor: Actor, domainName: string) {
  if (!canManageAdmins(actor)) return null;
  const db = getDb();
  const domain = await db.domain.findUnique({ where: { domain: domainName.toLowerCase() }, select: { domain: true } });
  if (!domain) return null;
  const assignedRows = await db.domainAdmin.findMany({ where: { domain: domain.domain, active: true }, distinct: ['username'], select: { username: true } });
  const assignedNames = assignedRows.map((r) => r.username.toLowerCase());
  const admins = await db.admin.findMany({ orderBy: { username: 'asc' }, select: { username: true, superadmin: true, active: true } });
  const rows = await rowsByAdmin(admins.map((a) => a.username.toLowerCase()));
  const all = admins.map((a) => ({ username: a.username, active: a.active, isSuperadmin: isSuperadminRecord(a.superadmin, rows.get(a.username.toLowerCase()) ?? []) }));
  return {
    domain: domain.domain,
    assigned: all.filter((a) => assignedNames.includes(a.username.toLowerCase())),
    assignable: all.filter((a) => !assignedNames.includes(a.username.toLowerCase()) && !a.isSuperadmin),
  };
}
