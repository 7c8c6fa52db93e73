import 'server-only';
import { domainToASCII } from 'node:url';
import type { Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogRow {
  id: number;
  timestamp: Date;
  username: string;
  domain: string;
  action: string;
  data: string;
}

export interface AuditLogFilter {
  page?: number;
  action?: string;
  /** a domain (Unicode or punycode); ignored when `installation` is set */
  domain?: string;
  /** only the installation-wide entries (domain ''): admins, settings */
  installation?: boolean;
  /** the beginning of who did it (the admin's address) */
  who?: string;
}

/** `who` as a LIKE prefix, its wildcards taken literally (escape character `!`). */
const startsWith = (text: string) => `${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;

/**
 * The whole installation's activity for the superadmin, newest first: every domain's entries and
 * the installation-wide ones (admins created or changed, settings) that no domain page shows.
 * Null for anyone else (the page answers 404).
 */
export async function listAuditLog(actor: Actor, filter: AuditLogFilter) {
  if (!actor.isSuperadmin) return null;
  const db = getDb();
  const domainText = filter.domain?.trim().toLowerCase() ?? '';
  const domain = filter.installation ? '' : domainText ? domainToASCII(domainText) || domainText : null;
  const who = filter.who?.trim() ?? '';
  const conditions = [
    domain !== null ? Prisma.sql`domain = ${domain}` : null,
    filter.action ? Prisma.sql`action = ${filter.action}` : null,
    who ? Prisma.sql`username LIKE ${startsWith(who)} ESCAPE '!'` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;
  const [counted] = await db.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS n FROM log ${where}`;
  const total = Number(counted?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1) || 1), pageCount);
  const [rows, actions] = await Promise.all([
    db.$queryRaw<AuditLogRow[]>`
      SELECT id, timestamp, username, domain, action, data FROM log ${where}
      ORDER BY timestamp DESC, id DESC LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(page - 1) * AUDIT_PAGE_SIZE}`,
    db.log.findMany({ distinct: ['action'], select: { action: true }, orderBy: { action: 'asc' } }),
  ]);
  return { rows, total, page, pageCount, actions: actions.map((a) => a.action) };
}
