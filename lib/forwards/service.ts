import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { refuseLoops, refuseMissingDestinations } from '@/lib/aliases/checks';
import { answerRefusal, Refusal } from '@/lib/aliases/refusal';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb, type Tx } from '@/lib/db/client';
import { domainOf } from '@/lib/tracer/source';
import { buildForwardGoto, readForward } from './goto';
import type { ForwardInput } from './schema';

const FORBIDDEN: ActionState = { message: 'errors.notFound' };

/**
 * Stores a mailbox's forward in its own alias row, PostfixAdmin's way, after the same checks as an
 * alias (local targets exist, no loop); audited as edit_alias. No permission check: callers (the
 * admin action below, a mailbox owner's own page) decide who may. Returns false if nothing changed.
 */
export async function applyForward(tx: Tx, who: Pick<Actor, 'auditName'>, input: ForwardInput): Promise<boolean> {
  const mailbox = await tx.mailbox.findUnique({ where: { username: input.mailbox }, select: { username: true, domain: true } });
  if (!mailbox) throw new Refusal(FORBIDDEN);
  if (input.targets.includes(input.mailbox)) throw new Refusal({ fieldErrors: { goto: ['forward.errors.self'] } });
  const [row] = await tx.$queryRaw<{ goto: string; active: number | boolean }[]>`SELECT goto, active FROM alias WHERE address = ${input.mailbox} FOR UPDATE`;
  const before = row?.goto ?? '';
  const goto = buildForwardGoto(input.mailbox, { ...readForward(input.mailbox, before), targets: input.targets, keepCopy: input.keepCopy });
  if (row && goto === before) return false;
  await refuseMissingDestinations(tx, input.targets, 'goto');
  const now = new Date();
  if (row) await tx.alias.update({ where: { address: input.mailbox }, data: { goto, modified: now } });
  else await tx.alias.create({ data: { address: input.mailbox, goto, domain: mailbox.domain, active: true, created: now, modified: now } });
  if (!row || Boolean(row.active)) await refuseLoops(tx, input.mailbox, 'goto');
  await writeAuditLog(tx, { actor: who, domain: mailbox.domain, action: 'edit_alias', data: `${input.mailbox}: goto: ${before} -> ${goto}` });
  return true;
}

/** An admin sets a mailbox's forward (a domain admin only in their domains). */
export async function saveForward(actor: Actor, input: ForwardInput): Promise<ActionState> {
  if (!canManageDomain(actor, domainOf(input.mailbox))) return FORBIDDEN;
  return answerRefusal(async () => {
    const changed = await getDb().$transaction((tx) => applyForward(tx, actor, input), { maxWait: 10_000, timeout: 20_000 });
    return { ok: true, message: changed ? 'forward.saved' : 'forward.unchanged' };
  });
}
