import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { ALL_DOMAINS, canManageAdmins, type Actor } from '@/lib/auth/permissions';
import { getDb, type Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { hashNewPassword } from '@/lib/passwords/configured';
import { assignedDomains, describeChanges, diffDomains, isSuperadminRecord, removesLastSuperadmin, selfChangeError } from './rules';
import type { CreateAdminInput, UpdateAdminInput } from './schema';
import { lockActiveSuperadmins, writeSuperadmin } from './superadmins';

export const FORBIDDEN: ActionState = { message: 'errors.notFound' }; // a refusal says no more than "not found"

class AdminExistsError extends Error {}
class UnknownDomainError extends Error {}
class LastSuperadminError extends Error {}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** Throws UnknownDomainError unless every one of `domains` exists. */
async function requireDomains(tx: Tx, domains: readonly string[]): Promise<void> {
  if (domains.length === 0) return;
  const found = await tx.domain.count({ where: { domain: { in: [...domains] } } });
  if (found !== domains.length) throw new UnknownDomainError();
}

async function assignDomains(tx: Tx, actor: Actor, username: string, domains: readonly string[], now: Date, action: 'create_admin' | 'edit_admin') {
  for (const domain of domains) {
    await tx.domainAdmin.create({ data: { username, domain, active: true, created: now } });
    await writeAuditLog(tx, { actor, domain, action, data: `${username}: assigned` });
  }
}

/** Creates an admin with its domains (and the `ALL` row for a superadmin), audited, in one transaction. */
export async function createAdmin(actor: Actor, input: CreateAdminInput): Promise<ActionState> {
  if (!canManageAdmins(actor)) return FORBIDDEN;
  const hash = await hashNewPassword(getDb(), input.password);
  const now = new Date();
  try {
    await getDb().$transaction(async (tx) => {
      if (await tx.admin.findUnique({ where: { username: input.username }, select: { username: true } })) throw new AdminExistsError();
      await requireDomains(tx, input.domains);
      // rows left behind for this name (hand-edited databases) would silently grant their domains
      await tx.domainAdmin.deleteMany({ where: { username: input.username } });
      await tx.admin.create({ data: { username: input.username, password: hash, superadmin: input.superadmin, active: input.active, created: now, modified: now } });
      if (input.superadmin) await writeSuperadmin(tx, input.username, true, now);
      const flags = [input.superadmin && 'superadmin', !input.active && 'inactive'].filter(Boolean);
      await writeAuditLog(tx, { actor, domain: '', action: 'create_admin', data: flags.length ? `${input.username} (${flags.join(', ')})` : input.username });
      await assignDomains(tx, actor, input.username, input.domains, now, 'create_admin');
    });
  } catch (err) {
    if (err instanceof AdminExistsError || isUniqueViolation(err)) return { message: 'errors.checkFields', fieldErrors: { username: ['admin.errors.exists'] } };
    if (err instanceof UnknownDomainError) return { message: 'errors.checkFields', fieldErrors: { domains: ['admin.errors.unknownDomain'] } };
    throw err;
  }
  return { ok: true, message: 'admin.created' };
}

/**
 * Changes an admin's superadmin status, active flag and domains. Nobody demotes or deactivates
 * themselves, and the last active superadmin keeps their power.
 */
export async function updateAdmin(actor: Actor, input: UpdateAdminInput): Promise<ActionState> {
  if (!canManageAdmins(actor)) return FORBIDDEN;
  const self = selfChangeError(actor.username, input.username, { superadmin: input.superadmin, active: input.active });
  if (self) return { message: 'errors.checkFields', fieldErrors: { [self === 'selfDemote' ? 'superadmin' : 'active']: [`admin.errors.${self}`] } };
  const now = new Date();
  let result: 'missing' | 'unchanged' | 'saved';
  try {
    result = await getDb().$transaction(async (tx) => {
      const superadmins = await lockActiveSuperadmins(tx);
      const before = await tx.admin.findUnique({ where: { username: input.username }, select: { username: true, superadmin: true, active: true } });
      if (!before) return 'missing';
      const rows = await tx.domainAdmin.findMany({ where: { username: input.username }, select: { domain: true, active: true } });
      const wasSuperadmin = isSuperadminRecord(before.superadmin, rows);
      const keepsPower = input.active && input.superadmin;
      if (!keepsPower && removesLastSuperadmin(superadmins, input.username)) throw new LastSuperadminError();
      const { added, removed } = diffDomains(assignedDomains(rows), input.domains);
      await requireDomains(tx, added);
      const changes = describeChanges(
        { superadmin: yesNo(wasSuperadmin), active: yesNo(before.active) },
        { superadmin: yesNo(input.superadmin), active: yesNo(input.active) },
      );
      if (changes.length === 0 && added.length === 0 && removed.length === 0) return 'unchanged';
      await tx.admin.update({ where: { username: input.username }, data: { active: input.active, modified: now } });
      await writeSuperadmin(tx, input.username, input.superadmin, now);
      await tx.domainAdmin.deleteMany({ where: { username: input.username, domain: { in: [...added, ...removed], not: ALL_DOMAINS } } });
      if (changes.length) await writeAuditLog(tx, { actor, domain: '', action: 'edit_admin', data: `${input.username}: ${changes.join('; ')}` });
      await assignDomains(tx, actor, input.username, added, now, 'edit_admin');
      for (const domain of removed) await writeAuditLog(tx, { actor, domain, action: 'edit_admin', data: `${input.username}: unassigned` });
      return 'saved';
    });
  } catch (err) {
    if (err instanceof LastSuperadminError) return { message: 'admin.errors.lastSuperadmin' };
    if (err instanceof UnknownDomainError) return { message: 'errors.checkFields', fieldErrors: { domains: ['admin.errors.unknownDomain'] } };
    throw err;
  }
  if (result === 'missing') return FORBIDDEN;
  return { ok: true, message: result === 'saved' ? 'admin.saved' : 'admin.unchanged' };
}

/** Deletes an admin and its domain assignments; never yourself, never the last active superadmin. */
export async function deleteAdmin(actor: Actor, username: string): Promise<ActionState> {
  if (!canManageAdmins(actor)) return FORBIDDEN;
  if (selfChangeError(actor.username, username, { delete: true })) return { message: 'admin.errors.selfDelete' };
  let done: boolean;
  try {
    done = await getDb().$transaction(async (tx) => {
      const superadmins = await lockActiveSuperadmins(tx);
      const found = await tx.admin.findUnique({ where: { username }, select: { username: true } });
      if (!found) return false;
      if (removesLastSuperadmin(superadmins, username)) throw new LastSuperadminError();
      const rows = await tx.domainAdmin.findMany({ where: { username }, select: { domain: true, active: true } });
      await tx.domainAdmin.deleteMany({ where: { username } });
      await tx.admin.delete({ where: { username } });
      await writeAuditLog(tx, { actor, domain: '', action: 'delete_admin', data: username });
      for (const domain of assignedDomains(rows)) await writeAuditLog(tx, { actor, domain, action: 'delete_admin', data: username });
      return true;
    });
  } catch (err) {
    if (err instanceof LastSuperadminError) return { message: 'admin.errors.lastSuperadmin' };
    throw err;
  }
  return done ? { ok: true, message: 'admin.deleted' } : FORBIDDEN;
}
