import 'server-only';
import type { Tx } from '@/lib/db/client';
import { ALL_DOMAINS } from '@/lib/auth/permissions';

/**
 * The active superadmins (flag or legacy `ALL` row), read with row locks: every change that can
 * take a superadmin's power away runs this first, so two such changes never both pass the
 * "not the last one" check (the second waits and sees the first one's result).
 */
export async function lockActiveSuperadmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ username: string }[]>`
    SELECT a.username FROM admin a
    WHERE a.active = 1 AND (a.superadmin = 1 OR a.username IN (SELECT d.username FROM domain_admins d WHERE d.domain = ${ALL_DOMAINS} AND d.active = 1))
    ORDER BY a.username FOR UPDATE`;
  return rows.map((r) => r.username);
}

/**
 * Writes the superadmin status both ways PostfixAdmin reads it: the `superadmin` flag and one
 * active `ALL` row (or neither). Rows already in that state are left as they are.
 */
export async function writeSuperadmin(tx: Tx, username: string, isSuperadmin: boolean, now: Date): Promise<void> {
  await tx.admin.update({ where: { username }, data: { superadmin: isSuperadmin } });
  const rows = await tx.domainAdmin.findMany({ where: { username, domain: ALL_DOMAINS }, select: { active: true } });
  const consistent = isSuperadmin ? rows.length === 1 && rows[0]?.active === true : rows.length === 0;
  if (consistent) return;
  await tx.domainAdmin.deleteMany({ where: { username, domain: ALL_DOMAINS } });
  if (isSuperadmin) await tx.domainAdmin.create({ data: { username, domain: ALL_DOMAINS, active: true, created: now } });
}
