import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { answerRefusal, Refusal } from '@/lib/aliases/refusal';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb, type Tx } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { Prisma } from '@/lib/generated/prisma/client';
import type { CreateAliasDomainInput } from './schema';

const FORBIDDEN: ActionState = { message: 'errors.notFound' };
const refuse = (message: string): never => {
  throw new Refusal({ fieldErrors: { other: [message] } });
};

/**
 * Makes one domain deliver to the same local parts at another. Both must be domains of the `domain`
 * table the actor manages (PostfixAdmin's rule), different, and no chain may form: the alias domain
 * may not be anyone's target, the target may not be an alias domain. Both domain rows are locked, so
 * two opposite requests cannot both pass.
 */
export async function createAliasDomain(actor: Actor, input: CreateAliasDomainInput): Promise<ActionState> {
  const { aliasDomain, targetDomain } = input;
  if (!canManageDomain(actor, aliasDomain) && !canManageDomain(actor, targetDomain)) return FORBIDDEN;
  return answerRefusal(async () => {
    if (aliasDomain === targetDomain) refuse('aliasDomain.errors.same');
    if (!canManageDomain(actor, aliasDomain) || !canManageDomain(actor, targetDomain)) refuse('aliasDomain.errors.notManaged');
    try {
      await getDb().$transaction(async (tx) => {
        const pair = [aliasDomain, targetDomain].sort();
        const locked = await tx.$queryRaw<{ domain: string }[]>`SELECT domain FROM domain WHERE domain IN (${Prisma.join(pair)}) ORDER BY domain FOR UPDATE`;
        if (locked.length < 2) refuse('aliasDomain.errors.notManaged');
        await refuseChains(tx, aliasDomain, targetDomain);
        const now = new Date();
        await tx.aliasDomain.create({ data: { aliasDomain, targetDomain, active: input.active, created: now, modified: now } });
        await writeAuditLog(tx, { actor, domain: aliasDomain, action: 'create_alias_domain', data: `${aliasDomain} -> ${targetDomain}${input.active ? '' : ' (inactive)'}` });
      }, { maxWait: 10_000, timeout: 20_000 });
    } catch (err) {
      if (isUniqueViolation(err)) refuse('aliasDomain.errors.alreadyAlias');
      throw err;
    }
    return { ok: true, message: 'aliasDomain.created' };
  });
}

async function refuseChains(tx: Tx, aliasDomain: string, targetDomain: string): Promise<void> {
  const rows = await tx.aliasDomain.findMany({
    where: { OR: [{ aliasDomain: { in: [aliasDomain, targetDomain] } }, { targetDomain: aliasDomain }] },
    select: { aliasDomain: true, targetDomain: true },
  });
  const is = (a: string, b: string) => a.toLowerCase() === b;
  if (rows.some((r) => is(r.aliasDomain, aliasDomain))) refuse('aliasDomain.errors.alreadyAlias');
  if (rows.some((r) => is(r.aliasDomain, targetDomain))) refuse('aliasDomain.errors.targetIsAlias');
  if (rows.some((r) => is(r.targetDomain, aliasDomain))) refuse('aliasDomain.errors.aliasIsTarget');
}

/** The alias-domain row, if the actor manages its alias domain (PostfixAdmin's rule for changes). */
async function lockRow(tx: Tx, actor: Actor, aliasDomain: string) {
  if (!canManageDomain(actor, aliasDomain)) return null;
  const [row] = await tx.$queryRaw<{ target_domain: string; active: number | boolean }[]>`
    SELECT target_domain, active FROM alias_domain WHERE alias_domain = ${aliasDomain} FOR UPDATE`;
  return row ? { targetDomain: row.target_domain, active: Boolean(row.active) } : null;
}

export async function setAliasDomainActive(actor: Actor, aliasDomain: string, active: boolean): Promise<ActionState> {
  return answerRefusal(async () => {
    await getDb().$transaction(async (tx) => {
      const row = await lockRow(tx, actor, aliasDomain);
      if (!row) throw new Refusal(FORBIDDEN);
      if (row.active === active) return;
      await tx.aliasDomain.update({ where: { aliasDomain }, data: { active, modified: new Date() } });
      const data = `${aliasDomain} -> ${row.targetDomain}: ${active ? 'inactive -> active' : 'active -> inactive'}`;
      await writeAuditLog(tx, { actor, domain: aliasDomain, action: 'edit_alias_domain_state', data });
    });
    return { ok: true, message: active ? 'aliasDomain.activated' : 'aliasDomain.deactivated' };
  });
}

export async function deleteAliasDomain(actor: Actor, aliasDomain: string): Promise<ActionState> {
  return answerRefusal(async () => {
    await getDb().$transaction(async (tx) => {
      const row = await lockRow(tx, actor, aliasDomain);
      if (!row) throw new Refusal(FORBIDDEN);
      await tx.aliasDomain.delete({ where: { aliasDomain } });
      await writeAuditLog(tx, { actor, domain: aliasDomain, action: 'delete_alias_domain', data: `${aliasDomain} -> ${row.targetDomain}` });
    });
    return { ok: true, message: 'aliasDomain.deleted' };
  });
}
