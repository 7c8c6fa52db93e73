import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageDomains, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { mailboxDeletedJob, mailboxStorageOf } from '@/lib/jobs/mailbox-jobs';
import { StorageOutbox } from '@/lib/jobs/outbox';
import { DEFAULT_ALIAS_NAMES } from '@/lib/settings/settings';
import { toUnicodeDomain } from './domain-name';
import type { CreateDomainInput, UpdateDomainInput } from './schema';

const FORBIDDEN: ActionState = { message: 'errors.notFound' }; // a refusal says no more than "not found"

function limitsData(input: Omit<UpdateDomainInput, 'domain'>) {
  return {
    description: input.description,
    aliases: input.aliases,
    mailboxes: input.mailboxes,
    maxquota: BigInt(input.maxquota),
    quota: BigInt(input.quota),
    transport: input.transport,
    backupmx: input.backupmx,
    active: input.active,
  };
}

/** Creates a domain and, if asked, its RFC 2142 role aliases, in one transaction with their audit rows. */
export async function createDomain(actor: Actor, input: CreateDomainInput): Promise<ActionState> {
  if (!canManageDomains(actor)) return FORBIDDEN;
  const now = new Date();
  const aliases = input.addDefaultAliases
    ? DEFAULT_ALIAS_NAMES.map((name) => ({ address: `${name}@${input.domain}`, goto: input[`target_${name}`] })).filter((a) => a.goto)
    : [];
  try {
    await getDb().$transaction(async (tx) => {
      const existing = await tx.domain.findUnique({ where: { domain: input.domain }, select: { domain: true } });
      const clash = await tx.aliasDomain.findUnique({ where: { aliasDomain: input.domain }, select: { aliasDomain: true } });
      if (existing || clash) throw new DomainExistsError();
      // leftovers of an earlier domain of the same name would be silently taken over otherwise
      const stale = await tx.alias.findFirst({ where: { address: { in: aliases.map((a) => a.address) } }, select: { address: true } });
      if (stale) throw new AliasExistsError();
      await tx.domain.create({ data: { domain: input.domain, ...limitsData(input), created: now, modified: now } });
      await writeAuditLog(tx, { actor, domain: input.domain, action: 'create_domain', data: input.domain });
      for (const alias of aliases) {
        await tx.alias.create({ data: { ...alias, domain: input.domain, active: true, created: now, modified: now } });
        await writeAuditLog(tx, { actor, domain: input.domain, action: 'create_alias', data: `${alias.address} -> ${alias.goto}` });
      }
    });
  } catch (err) {
    if (err instanceof AliasExistsError) return { fieldErrors: { addDefaultAliases: ['domain.errors.aliasExists'] } };
    if (err instanceof DomainExistsError || isUniqueViolation(err)) return { fieldErrors: { domain: ['domain.errors.exists'] } };
    throw err;
  }
  return { ok: true, message: 'domain.created' };
}

class DomainExistsError extends Error {}
class AliasExistsError extends Error {}

const EDITABLE = ['description', 'aliases', 'mailboxes', 'maxquota', 'quota', 'transport', 'backupmx', 'active'] as const;

/** Changes a domain's settings; the audit row lists each changed field as `field: old -> new`. */
export async function updateDomain(actor: Actor, input: UpdateDomainInput): Promise<ActionState> {
  if (!canManageDomains(actor)) return FORBIDDEN;
  const domain = input.domain.toLowerCase();
  const changed = await getDb().$transaction(async (tx) => {
    const before = await tx.domain.findUnique({ where: { domain } });
    if (!before) return null;
    const after = limitsData(input);
    const changes = EDITABLE.filter((f) => String(before[f]) !== String(after[f])).map((f) => `${f}: ${String(before[f])} -> ${String(after[f])}`);
    if (changes.length === 0) return [];
    await tx.domain.update({ where: { domain }, data: { ...after, modified: new Date() } });
    await writeAuditLog(tx, { actor, domain, action: 'edit_domain', data: changes.join('; ') });
    return changes;
  });
  if (changed === null) return FORBIDDEN;
  return { ok: true, message: changed.length ? 'domain.saved' : 'domain.unchanged' };
}

/** Activates or deactivates a domain (Postfix stops accepting mail for an inactive one). */
export async function setDomainActive(actor: Actor, domainName: string, active: boolean): Promise<ActionState> {
  if (!canManageDomains(actor)) return FORBIDDEN;
  const domain = domainName.toLowerCase();
  const done = await getDb().$transaction(async (tx) => {
    const { count } = await tx.domain.updateMany({ where: { domain }, data: { active, modified: new Date() } });
    if (count === 0) return false;
    await writeAuditLog(tx, { actor, domain, action: 'edit_domain_state', data: `${domain}: ${active ? 'active' : 'inactive'}` });
    return true;
  });
  if (!done) return FORBIDDEN;
  return { ok: true, message: active ? 'domain.activated' : 'domain.deactivated' };
}

/**
 * Deletes a domain with everything that lives in it: mailboxes (and their quota and vacation rows),
 * aliases, alias domains pointing to or from it, and admin assignments; one storage job per mailbox
 * archives or removes its Maildir (or deletes its Cyrus mailbox) afterwards. The person must type
 * the domain's name to confirm. The log keeps its history.
 */
export async function deleteDomain(actor: Actor, domainName: string, confirm: string): Promise<ActionState> {
  if (!canManageDomains(actor)) return FORBIDDEN;
  const domain = domainName.toLowerCase();
  const typed = confirm.trim().toLowerCase();
  if (typed !== domain && typed !== toUnicodeDomain(domain).toLowerCase()) return { fieldErrors: { confirm: ['domain.errors.confirmMismatch'] } };
  const storage = new StorageOutbox();
  const summary = await getDb().$transaction(async (tx) => {
    const found = await tx.domain.findUnique({ where: { domain }, select: { domain: true } });
    if (!found) return null;
    const mailboxRows = await tx.mailbox.findMany({ where: { domain }, select: { username: true, maildir: true } });
    const where = await mailboxStorageOf(tx, domain); // before its storage row goes
    const usernames = mailboxRows.map((m) => m.username);
    await tx.quota2.deleteMany({ where: { username: { in: usernames } } });
    await tx.quota.deleteMany({ where: { username: { in: usernames } } });
    await tx.vacation.deleteMany({ where: { domain } });
    const mailboxes = await tx.mailbox.deleteMany({ where: { domain } });
    const aliases = await tx.alias.deleteMany({ where: { domain } });
    const aliasDomains = await tx.aliasDomain.deleteMany({ where: { OR: [{ aliasDomain: domain }, { targetDomain: domain }] } });
    await tx.domainAdmin.deleteMany({ where: { domain } });
    await tx.mailroomDomainStorage.deleteMany({ where: { domain } });
    await tx.domain.delete({ where: { domain } });
    await storage.addForDomain(tx, domain, mailboxRows.map((m) => mailboxDeletedJob(where, { username: m.username, domain, maildir: m.maildir })));
    const data = `${domain}: ${mailboxes.count} mailboxes, ${aliases.count - mailboxes.count} aliases, ${aliasDomains.count} alias domains`;
    await writeAuditLog(tx, { actor, domain, action: 'delete_domain', data });
    return data;
  });
  if (summary === null) return FORBIDDEN;
  await storage.dispatch(); // after the commit: every mailbox's Maildir (per the delete policy) or Cyrus mailbox
  return { ok: true, message: 'domain.deleted' };
}
