import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb, type Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { isStorableAddress, mailboxCreatedJob, mailboxDeletedJob, mailboxStorageOf, quotaChangedJob } from '@/lib/jobs/mailbox-jobs';
import { StorageOutbox } from '@/lib/jobs/outbox';
import { hashPassword } from '@/lib/passwords/hash';
import { getSettings } from '@/lib/settings/settings';
import { maildirFor, splitAddress } from './address';
import { checkCountLimit, checkQuotaLimit, LIMITS_TRANSACTION, lockDomain, type LimitRefusal } from './domain-limits';
import { passwordPolicyError, type CreateMailboxInput, type UpdateMailboxInput } from './schema';

const FORBIDDEN: ActionState = { message: 'errors.notFound' }; // a refusal says no more than "not found"
const MAX_ADDRESS = 254; // RFC 5321 path limit; also keeps username and maildir within VARCHAR(255)

/** A limit refusal as the form's answer: on the quota field, or for the whole form. */
function refusal(r: LimitRefusal): ActionState {
  return 'field' in r ? { fieldErrors: { [r.field]: [r.message] } } : { message: r.message };
}

function run(work: (tx: Tx) => Promise<ActionState>): Promise<ActionState> {
  return getDb().$transaction(work, LIMITS_TRANSACTION);
}

/** The password policy from the settings, checked here too: callers other than the form exist. */
function passwordRefusal(password: string, minLength: number): ActionState | null {
  const error = passwordPolicyError(password, minLength);
  return error ? { fieldErrors: { password: [`mailbox.errors.${error}`] } } : null;
}

/** Keeps the mailbox's own alias row (address = goto = username) in step: active follows the mailbox. */
async function syncSelfAlias(tx: Tx, username: string, domain: string, active: boolean, now: Date): Promise<void> {
  const { count } = await tx.alias.updateMany({ where: { address: username }, data: { active, modified: now } });
  // a missing row (hand-made database) is restored: PostfixAdmin's convention, and it changes no delivery
  if (count === 0) await tx.alias.create({ data: { address: username, goto: username, domain, active, created: now, modified: now } });
}

/**
 * Creates a mailbox with its own alias row and the audit row, in one transaction, within the
 * domain's limits (mailbox count, largest mailbox, domain total) even under concurrent requests.
 */
export async function createMailbox(actor: Actor, input: CreateMailboxInput): Promise<ActionState> {
  const domain = input.domain.toLowerCase();
  if (!canManageDomain(actor, domain)) return FORBIDDEN;
  const username = `${input.localPart}@${domain}`;
  const settings = await getSettings(getDb());
  const reserved = settings.reservedLocalParts.some((r) => r.toLowerCase() === input.localPart);
  if (reserved && !actor.isSuperadmin) return { fieldErrors: { localPart: ['mailbox.errors.reserved'] } };
  if (username.length > MAX_ADDRESS) return { fieldErrors: { localPart: ['mailbox.errors.addressTooLong'] } };
  const weak = passwordRefusal(input.password, settings.passwordMinLength);
  if (weak) return weak;
  // bcrypt takes tens of milliseconds: hash before the transaction, so the domain lock is held briefly
  const password = await hashPassword(input.password, settings.passwordScheme);
  const storage = new StorageOutbox();

  try {
    const result = await run(async (tx) => {
      const locked = await lockDomain(tx, domain);
      if (!locked) return FORBIDDEN;
      const mailbox = await tx.mailbox.findUnique({ where: { username }, select: { username: true } });
      const alias = await tx.alias.findUnique({ where: { address: username }, select: { address: true } });
      if (mailbox || alias) return { fieldErrors: { localPart: [mailbox ? 'mailbox.errors.exists' : 'mailbox.errors.aliasExists'] } };
      const limit = (await checkCountLimit(tx, locked)) ?? (await checkQuotaLimit(tx, locked, input.quota));
      if (limit) return refusal(limit);
      const where = await mailboxStorageOf(tx, domain);
      if (!isStorableAddress(where, username)) return { fieldErrors: { localPart: ['mailbox.errors.cyrusName'] } };
      const now = new Date();
      const maildir = maildirFor(input.localPart, domain);
      await tx.mailbox.create({
        data: {
          username, password, name: input.name, maildir, quota: input.quota,
          localPart: input.localPart, domain, active: input.active, created: now, modified: now,
        },
      });
      await tx.alias.create({ data: { address: username, goto: username, domain, active: input.active, created: now, modified: now } });
      await storage.add(tx, mailboxCreatedJob(where, { username, domain, maildir }));
      await writeAuditLog(tx, { actor, domain, action: 'create_mailbox', data: username });
      return { ok: true, message: 'mailbox.created' };
    });
    await storage.dispatch(); // after the commit: the Maildir or the Cyrus mailbox, now or later (retried)
    return result;
  } catch (err) {
    // the same address created meanwhile (as a mailbox, or as an alias outside this domain's lock)
    if (isUniqueViolation(err)) return { fieldErrors: { localPart: ['mailbox.errors.exists'] } };
    throw err;
  }
}

/**
 * Changes a mailbox's name, quota and password (only when a new one is given). The maildir never
 * changes. Audited as edit_mailbox with what changed (never the password itself). A changed quota of
 * a Cyrus-backed mailbox is set on Cyrus by a job written in the same transaction.
 */
export async function updateMailbox(actor: Actor, input: UpdateMailboxInput): Promise<ActionState> {
  const parts = splitAddress(input.address);
  if (!parts || !canManageDomain(actor, parts.domain)) return FORBIDDEN;
  const { address: username, domain } = parts;
  let password: string | undefined;
  if (input.password) {
    const settings = await getSettings(getDb());
    const weak = passwordRefusal(input.password, settings.passwordMinLength);
    if (weak) return weak;
    password = await hashPassword(input.password, settings.passwordScheme);
  }
  const storage = new StorageOutbox();

  const result = await run(async (tx) => {
    const locked = await lockDomain(tx, domain);
    if (!locked) return FORBIDDEN;
    const before = await tx.mailbox.findFirst({ where: { username, domain }, select: { name: true, quota: true } });
    if (!before) return FORBIDDEN;
    const changes: string[] = [];
    if (input.name !== before.name) changes.push(`name: "${before.name}" -> "${input.name}"`);
    if (input.quota !== before.quota) {
      // checked only when changed: lowered domain limits do not block editing a name
      const limit = await checkQuotaLimit(tx, locked, input.quota, username);
      if (limit) return refusal(limit);
      changes.push(`quota: ${before.quota} -> ${input.quota} bytes`);
    }
    if (password) changes.push('password changed');
    if (changes.length === 0) return { ok: true, message: 'mailbox.unchanged' };
    await tx.mailbox.update({ where: { username }, data: { name: input.name, quota: input.quota, modified: new Date(), ...(password ? { password } : {}) } });
    const quotaJob = input.quota !== before.quota ? quotaChangedJob(await mailboxStorageOf(tx, domain), { username, domain }) : null;
    if (quotaJob) await storage.add(tx, quotaJob);
    await writeAuditLog(tx, { actor, domain, action: 'edit_mailbox', data: `${username}: ${changes.join('; ')}` });
    return { ok: true, message: 'mailbox.saved' };
  });
  await storage.dispatch(); // after the commit: the quota on Cyrus (Dovecot reads it from the row)
  return result;
}

/** Activates or deactivates a mailbox and its own alias (Postfix and Dovecot then ignore both). */
export async function setMailboxActive(actor: Actor, address: string, active: boolean): Promise<ActionState> {
  const parts = splitAddress(address);
  if (!parts || !canManageDomain(actor, parts.domain)) return FORBIDDEN;
  const { address: username, domain } = parts;
  return run(async (tx) => {
    const before = await tx.mailbox.findFirst({ where: { username, domain }, select: { active: true } });
    if (!before) return FORBIDDEN;
    if (before.active !== active) {
      const now = new Date();
      await tx.mailbox.update({ where: { username }, data: { active, modified: now } });
      await syncSelfAlias(tx, username, domain, active, now);
      await writeAuditLog(tx, { actor, domain, action: 'edit_mailbox_state', data: `${username}: ${active ? 'active' : 'inactive'}` });
    }
    return { ok: true, message: active ? 'mailbox.activated' : 'mailbox.deactivated' };
  });
}

/**
 * Deletes a mailbox with what belongs to it alone: its own alias (and so its forward), its vacation
 * reply and notifications, its quota usage rows and fetchmail jobs. Other aliases that point to it
 * are kept. Its Maildir is archived or removed afterwards by a storage job (the delete policy setting),
 * or its Cyrus mailbox deleted with its mail.
 */
export async function deleteMailbox(actor: Actor, address: string): Promise<ActionState> {
  const parts = splitAddress(address);
  if (!parts || !canManageDomain(actor, parts.domain)) return FORBIDDEN;
  const { address: username, domain } = parts;
  const storage = new StorageOutbox();
  const result = await run(async (tx) => {
    const found = await tx.mailbox.findFirst({ where: { username, domain }, select: { username: true, maildir: true } });
    if (!found) return FORBIDDEN;
    await tx.vacationNotification.deleteMany({ where: { onVacation: username } });
    await tx.vacation.deleteMany({ where: { email: username } });
    await tx.quota2.deleteMany({ where: { username } });
    await tx.quota.deleteMany({ where: { username } });
    await tx.fetchmail.deleteMany({ where: { mailbox: username } });
    await tx.alias.deleteMany({ where: { address: username } });
    await tx.mailbox.delete({ where: { username } });
    await storage.add(tx, mailboxDeletedJob(await mailboxStorageOf(tx, domain), { username, domain, maildir: found.maildir }));
    await writeAuditLog(tx, { actor, domain, action: 'delete_mailbox', data: username });
    return { ok: true, message: 'mailbox.deleted' };
  });
  await storage.dispatch(); // after the commit: archive or remove the Maildir (per the settings), or delete on Cyrus
  return result;
}
