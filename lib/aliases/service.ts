import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb, type Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { getSettings } from '@/lib/settings/settings';
import { domainOf, localPartOf } from '@/lib/tracer/source';
import { refuseLoops, refuseMissingDestinations } from './checks';
import { countAliases, isMailboxAddress } from './queries';
import { answerRefusal, Refusal } from './refusal';
import type { CreateAliasInput, UpdateAliasInput } from './schema';

const FORBIDDEN: ActionState = { message: 'errors.notFound' }; // a refusal says no more than "not found"
// READ COMMITTED: once the domain row is locked, the count sees every alias committed before
const TX_OPTIONS = { isolationLevel: 'ReadCommitted', maxWait: 10_000, timeout: 20_000 } as const;

function refuseSelfReference(address: string, destinations: readonly string[]): void {
  if (destinations.includes(address)) throw new Refusal({ fieldErrors: { goto: ['alias.errors.pointsToItself'] } });
}

/** Locks the domain row (SELECT ... FOR UPDATE), so concurrent creations are counted one after another. */
async function lockDomain(tx: Tx, domain: string): Promise<{ aliases: number } | null> {
  const [row] = await tx.$queryRaw<{ aliases: number }[]>`SELECT aliases FROM domain WHERE domain = ${domain} FOR UPDATE`;
  return row ? { aliases: Number(row.aliases) } : null;
}

async function refuseOverLimit(tx: Tx, domain: string, limit: number): Promise<void> {
  if (limit < 0) throw new Refusal({ message: 'alias.errors.limitDisabled' });
  if (limit > 0 && (await countAliases(tx, domain, limit)) >= limit) throw new Refusal({ message: 'alias.errors.limitReached' });
}

/**
 * Creates an alias (or the domain's catch-all) after checking, in one transaction: the domain's alias
 * limit (under a lock on the domain row), that no mailbox or alias has the address, that local
 * destinations exist and that Postfix would not loop. The audit row says where it delivers.
 */
export async function createAlias(actor: Actor, input: CreateAliasInput): Promise<ActionState> {
  if (!canManageDomain(actor, input.domain)) return FORBIDDEN;
  if (await isReservedFor(actor, input.localPart)) return { fieldErrors: { localPart: ['alias.errors.reserved'] } };
  return answerRefusal(async () => {
    refuseSelfReference(input.address, input.destinations);
    const goto = input.destinations.join(',');
    try {
      await getDb().$transaction(async (tx) => {
        const domain = await lockDomain(tx, input.domain);
        if (!domain) throw new Refusal(FORBIDDEN);
        if (await isMailboxAddress(tx, input.address)) throw new Refusal({ fieldErrors: { localPart: ['alias.errors.isMailbox'] } });
        if (await tx.alias.findUnique({ where: { address: input.address }, select: { address: true } })) throw new Refusal({ fieldErrors: { localPart: [existsKey(input)] } });
        await refuseOverLimit(tx, input.domain, domain.aliases);
        await refuseMissingDestinations(tx, input.destinations, 'goto');
        const now = new Date();
        await tx.alias.create({ data: { address: input.address, goto, domain: input.domain, active: input.active, created: now, modified: now } });
        if (input.active) await refuseLoops(tx, input.address, 'goto');
        await writeAuditLog(tx, { actor, domain: input.domain, action: 'create_alias', data: `${input.address} -> ${goto}${input.active ? '' : ' (inactive)'}` });
      }, TX_OPTIONS);
    } catch (err) {
      if (isUniqueViolation(err)) return { fieldErrors: { localPart: [existsKey(input)] } };
      throw err;
    }
    return { ok: true, message: 'alias.created' };
  });
}

function existsKey(input: CreateAliasInput): string {
  return input.isCatchAll ? 'alias.errors.catchAllExists' : 'alias.errors.exists';
}

/** Domain admins may neither create nor change an alias with a reserved local part (e.g. mailer-daemon). */
async function isReservedFor(actor: Actor, localPart: string): Promise<boolean> {
  return !actor.isSuperadmin && localPart !== '' && (await getSettings(getDb())).reservedLocalParts.includes(localPart);
}

/**
 * The alias row of `address` if it is an alias the actor may manage (not a mailbox's own row), locked
 * for the transaction; a reserved one refuses a domain admin.
 */
async function lockAlias(tx: Tx, actor: Actor, address: string) {
  if (!canManageDomain(actor, domainOf(address))) return null;
  if (await isReservedFor(actor, localPartOf(address))) throw new Refusal({ message: 'alias.errors.reserved' });
  const [row] = await tx.$queryRaw<{ goto: string; active: number | boolean; domain: string }[]>`
    SELECT goto, active, domain FROM alias WHERE address = ${address} FOR UPDATE`;
  if (!row || row.domain.toLowerCase() !== domainOf(address) || (await isMailboxAddress(tx, address))) return null;
  return { goto: row.goto, active: Boolean(row.active), domain: row.domain };
}

/** Changes an alias's destinations and state; the audit row lists what changed. */
export async function updateAlias(actor: Actor, input: UpdateAliasInput): Promise<ActionState> {
  return answerRefusal(async () => {
    refuseSelfReference(input.address, input.destinations);
    const goto = input.destinations.join(',');
    const changed = await getDb().$transaction(async (tx) => {
      const before = await lockAlias(tx, actor, input.address);
      if (!before) throw new Refusal(FORBIDDEN);
      const changes: string[] = [];
      if (before.goto !== goto) changes.push(`goto: ${before.goto} -> ${goto}`);
      if (before.active !== input.active) changes.push(`active: ${before.active ? 1 : 0} -> ${input.active ? 1 : 0}`);
      if (changes.length === 0) return false;
      await refuseMissingDestinations(tx, input.destinations, 'goto');
      await tx.alias.update({ where: { address: input.address }, data: { goto, active: input.active, modified: new Date() } });
      if (input.active) await refuseLoops(tx, input.address, 'goto');
      await writeAuditLog(tx, { actor, domain: before.domain, action: 'edit_alias', data: `${input.address}: ${changes.join('; ')}` });
      return true;
    }, TX_OPTIONS);
    return { ok: true, message: changed ? 'alias.saved' : 'alias.unchanged' };
  });
}

/** Activates or deactivates an alias; activating one checks it would not make Postfix loop. */
export async function setAliasActive(actor: Actor, address: string, active: boolean): Promise<ActionState> {
  return answerRefusal(async () => {
    await getDb().$transaction(async (tx) => {
      const before = await lockAlias(tx, actor, address);
      if (!before) throw new Refusal(FORBIDDEN);
      if (before.active === active) return;
      await tx.alias.update({ where: { address }, data: { active, modified: new Date() } });
      if (active) await refuseLoops(tx, address, 'active');
      await writeAuditLog(tx, { actor, domain: before.domain, action: 'edit_alias_state', data: `${address}: ${active ? 'inactive -> active' : 'active -> inactive'}` });
    }, TX_OPTIONS);
    return { ok: true, message: active ? 'alias.activated' : 'alias.deactivated' };
  });
}

/** Deletes an alias (never a mailbox's own row); the audit row keeps where it delivered. */
export async function deleteAlias(actor: Actor, address: string): Promise<ActionState> {
  return answerRefusal(async () => {
    await getDb().$transaction(async (tx) => {
      const before = await lockAlias(tx, actor, address);
      if (!before) throw new Refusal(FORBIDDEN);
      await tx.alias.delete({ where: { address } });
      await writeAuditLog(tx, { actor, domain: before.domain, action: 'delete_alias', data: `${address} (was -> ${before.goto})` });
    }, TX_OPTIONS);
    return { ok: true, message: 'alias.deleted' };
  });
}
