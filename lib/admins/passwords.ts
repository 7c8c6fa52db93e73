import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageAdmins, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { hashNewPassword } from '@/lib/passwords/configured';
import { TIMING_DUMMY_HASH, verifyPassword } from '@/lib/passwords/hash';
import type { ChangeOwnPasswordInput, ResetAdminPasswordInput } from './schema';
import { FORBIDDEN } from './service';

/**
 * The superadmin sets another admin's password (forgotten password). Your own password is changed
 * on the profile page, which asks for the current one.
 */
export async function resetAdminPassword(actor: Actor, input: ResetAdminPasswordInput): Promise<ActionState> {
  if (!canManageAdmins(actor)) return FORBIDDEN;
  if (input.username === actor.username) return { message: 'admin.errors.ownPassword' };
  const hash = await hashNewPassword(getDb(), input.password);
  const done = await getDb().$transaction(async (tx) => {
    const { count } = await tx.admin.updateMany({ where: { username: input.username }, data: { password: hash, modified: new Date() } });
    if (count === 0) return false;
    await writeAuditLog(tx, { actor, domain: '', action: 'edit_admin', data: `${input.username}: password reset` });
    return true;
  });
  return done ? { ok: true, message: 'admin.passwordReset' } : FORBIDDEN;
}

/** Any admin changes their own password, proving they know the current one. */
export async function changeOwnPassword(actor: Actor, input: ChangeOwnPasswordInput): Promise<ActionState> {
  const db = getDb();
  const admin = await db.admin.findUnique({ where: { username: actor.username }, select: { password: true } });
  const ok = await verifyPassword(input.currentPassword, admin?.password ?? TIMING_DUMMY_HASH);
  if (!admin) return FORBIDDEN;
  if (!ok) return { message: 'errors.checkFields', fieldErrors: { currentPassword: ['profile.errors.currentWrong'] } };
  const hash = await hashNewPassword(db, input.password);
  const done = await db.$transaction(async (tx) => {
    // only if nobody changed it since it was checked
    const { count } = await tx.admin.updateMany({ where: { username: actor.username, password: admin.password }, data: { password: hash, modified: new Date() } });
    if (count === 0) return false;
    await writeAuditLog(tx, { actor, domain: '', action: 'edit_admin', data: `${actor.username}: password changed` });
    return true;
  });
  return done ? { ok: true, message: 'profile.passwordChanged' } : { message: 'profile.errors.changedMeanwhile' };
}
