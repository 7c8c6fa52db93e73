import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { ALL_DOMAINS, canManageAdmins, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import type { DomainAssignmentInput } from './schema';
import { FORBIDDEN } from './service';

class NoSuchAdminError extends Error {}
class AlreadyAssignedError extends Error {}

/** The superadmin lets an existing admin manage one more domain (from that domain's admins page). */
export async function assignDomainAdmin(actor: Actor, input: DomainAssignmentInput): Promise<ActionState> {
  if (!canManageAdmins(actor) || input.domain === ALL_DOMAINS.toLowerCase()) return FORBIDDEN;
  const now = new Date();
  let done: boolean;
  try {
    done = await getDb().$transaction(async (tx) => {
      if (!(await tx.domain.findUnique({ where: { domain: input.domain }, select: { domain: true } }))) return false;
      if (!(await tx.admin.findUnique({ where: { username: input.username }, select: { username: true } }))) throw new NoSuchAdminError();
      const rows = await tx.domainAdmin.findMany({ where: { username: input.username, domain: input.domain }, select: { active: true } });
      if (rows.some((r) => r.active)) throw new AlreadyAssignedError();
      await tx.domainAdmin.deleteMany({ where: { username: input.username, domain: input.domain } }); // an inactive leftover
      await tx.domainAdmin.create({ data: { username: input.username, domain: input.domain, active: true, created: now } });
      await tx.admin.update({ where: { username: input.username }, data: { modified: now } });
      await writeAuditLog(tx, { actor, domain: input.domain, action: 'edit_admin', data: `${input.username}: assigned` });
      return true;
    });
  } catch (err) {
    if (err instanceof NoSuchAdminError) return { message: 'errors.checkFields', fieldErrors: { username: ['admin.errors.noSuchAdmin'] } };
    if (err instanceof AlreadyAssignedError) return { message: 'errors.checkFields', fieldErrors: { username: ['admin.errors.alreadyAssigned'] } };
    throw err;
  }
  return done ? { ok: true, message: 'admin.assigned' } : FORBIDDEN;
}

/** The superadmin takes a domain away from an admin. */
export async function unassignDomainAdmin(actor: Actor, input: DomainAssignmentInput): Promise<ActionState> {
  if (!canManageAdmins(actor) || input.domain === ALL_DOMAINS.toLowerCase()) return FORBIDDEN;
  const done = await getDb().$transaction(async (tx) => {
    const { count } = await tx.domainAdmin.deleteMany({ where: { username: input.username, domain: input.domain } });
    if (count === 0) return false;
    await tx.admin.updateMany({ where: { username: input.username }, data: { modified: new Date() } });
    await writeAuditLog(tx, { actor, domain: input.domain, action: 'edit_admin', data: `${input.username}: unassigned` });
    return true;
  });
  return done ? { ok: true, message: 'admin.unassigned' } : FORBIDDEN;
}
