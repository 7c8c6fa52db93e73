import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { answerRefusal } from '@/lib/aliases/refusal';
import { writeAuditLog } from '@/lib/audit-log/write';
import type { MailboxOwner } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { applyForward } from '@/lib/forwards/service';
import { hashPassword, TIMING_DUMMY_HASH, verifyPassword } from '@/lib/passwords/hash';
import type { ChangeMailboxPasswordInput, OwnForwardInput } from './schema';

// What a mailbox owner changes on their own mailbox. Every function takes the session's owner and
// touches `owner.username` only.

type Owner = Pick<MailboxOwner, 'username' | 'auditName'>;

/**
 * Changes the owner's password after checking the current one (any stored scheme). Dovecot reads the
 * row on every login, so the new password works at once and the old one stops working. Audited as
 * PostfixAdmin's edit_mailbox, without the password.
 */
export async function changeMailboxPassword(owner: Owner, input: ChangeMailboxPasswordInput): Promise<ActionState> {
  const db = getDb();
  const row = await db.mailbox.findUnique({ where: { username: owner.username }, select: { password: true, domain: true } });
  const ok = await verifyPassword(input.currentPassword, row?.password ?? TIMING_DUMMY_HASH);
  if (!row) return { message: 'errors.notFound' };
  if (!ok) return { message: 'errors.checkFields', fieldErrors: { currentPassword: ['account.errors.currentWrong'] } };
  const hash = await hashPassword(input.password);
  const done = await db.$transaction(async (tx) => {
    // only if nobody changed it since it was checked
    const { count } = await tx.mailbox.updateMany({ where: { username: owner.username, password: row.password }, data: { password: hash, modified: new Date() } });
    if (count === 0) return false;
    await writeAuditLog(tx, { actor: owner, domain: row.domain, action: 'edit_mailbox', data: `${owner.username}: password changed by its owner` });
    return true;
  });
  return done ? { ok: true, message: 'account.passwordChanged' } : { message: 'account.errors.changedMeanwhile' };
}

/** Sets the owner's forward with the admin form's checks and storage (lib/forwards applyForward). */
export function saveOwnForward(owner: Owner, input: OwnForwardInput): Promise<ActionState> {
  return answerRefusal(async () => {
    const changed = await getDb().$transaction((tx) => applyForward(tx, owner, { mailbox: owner.username, ...input }), { maxWait: 10_000, timeout: 20_000 });
    return { ok: true, message: changed ? 'forward.saved' : 'forward.unchanged' };
  });
}
