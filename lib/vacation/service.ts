import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb, type Tx } from '@/lib/db/client';
import { buildForwardGoto, readForward } from '@/lib/forwards/goto';
import { ManageSieveError } from '@/lib/mail/sieve/managesieve';
import { domainOf } from '@/lib/tracer/source';
import { daysToInterval, formatDay } from './rules';
import type { VacationInput } from './schema';
import { applyVacationSieve, isScriptQuotaError, MissingSieveExtensionsError } from './sieve';
import { getSieveEndpoint } from './sieve-endpoint';

const FORBIDDEN: ActionState = { message: 'errors.notFound' };
// the ManageSieve dialogue runs inside the transaction: both happen, or neither
const TRANSACTION = { maxWait: 10_000, timeout: 60_000 };

type Who = { auditName: string };

/**
 * PostfixAdmin's own auto-reply address (`user#domain@autoreply…`, answered by its vacation.pl) leaves
 * the mailbox's alias row: the Sieve reply replaces it, and two replies to one mail would be one too many.
 */
async function dropPostfixAdminReply(tx: Tx, who: Who, mailbox: string, domain: string): Promise<void> {
  const alias = await tx.alias.findUnique({ where: { address: mailbox }, select: { goto: true } });
  if (!alias) return;
  const state = readForward(mailbox, alias.goto);
  if (state.vacation.length === 0) return;
  // a forward made only of the auto-reply address would leave nothing: the mailbox keeps its mail
  const goto = buildForwardGoto(mailbox, { ...state, vacation: [], keepCopy: state.keepCopy || state.targets.length === 0 });
  await tx.alias.update({ where: { address: mailbox }, data: { goto, modified: new Date() } });
  await writeAuditLog(tx, { actor: who, domain, action: 'edit_alias', data: `${mailbox}: goto: ${alias.goto} -> ${goto}` });
}

/** What a ManageSieve failure tells the person (an i18n key). */
function sieveErrorKey(err: ManageSieveError): string {
  if (err instanceof MissingSieveExtensionsError) return 'vacation.errors.sieveExtensions';
  if (isScriptQuotaError(err)) return 'vacation.errors.sieveQuota';
  return 'vacation.errors.mailServer';
}

/**
 * Stores a mailbox's reply as PostfixAdmin does (VacationHandler::set_away / remove: the row, its
 * notifications cleared) and puts it into effect over ManageSieve, in one transaction: on Dovecot's or
 * on Cyrus's, as the mailbox's domain stores its mail. `next` null switches it off (the texts stay,
 * as in PostfixAdmin); that works without ManageSieve too.
 */
async function storeVacation(who: Who, mailbox: string, next: VacationInput | null): Promise<ActionState> {
  const db = getDb();
  const settings = await getSieveEndpoint(db, domainOf(mailbox));
  if (next && !settings) return { message: 'vacation.errors.notConfigured' };
  try {
    return await db.$transaction(async (tx) => {
      // one change at a time per mailbox, Sieve dialogue included
      const [row] = await tx.$queryRaw<{ domain: string; active: number | boolean }[]>`SELECT domain, active FROM mailbox WHERE username = ${mailbox} FOR UPDATE`;
      if (!row) return FORBIDDEN;
      // the mail server lets nobody act for an inactive mailbox, and delivers nothing to it anyway
      if (settings && !row.active) return { message: 'vacation.errors.inactive' };
      const before = await tx.vacation.findUnique({ where: { email: mailbox }, select: { active: true } });
      const now = new Date();
      if (next) {
        const data = { subject: next.subject, body: next.body, cache: '', domain: row.domain, active: true, activefrom: next.activeFrom, activeuntil: next.activeUntil, intervalTime: daysToInterval(next.days), modified: now };
        await tx.vacation.upsert({ where: { email: mailbox }, create: { email: mailbox, created: now, ...data }, update: data });
        await writeAuditLog(tx, { actor: who, domain: row.domain, action: 'edit_vacation', data: `${mailbox}: on, ${formatDay(next.activeFrom)} to ${formatDay(next.activeUntil)}, one reply per sender every ${next.days} days` });
      } else if (before?.active) {
        await tx.vacation.update({ where: { email: mailbox }, data: { active: false, modified: now } });
        await writeAuditLog(tx, { actor: who, domain: row.domain, action: 'edit_vacation', data: `${mailbox}: off` });
      }
      await tx.vacationNotification.deleteMany({ where: { onVacation: mailbox } });
      await dropPostfixAdminReply(tx, who, mailbox, row.domain);
      if (settings) await applyVacationSieve(settings, mailbox, next && { subject: next.subject, body: next.body, days: next.days, activeFrom: next.activeFrom, activeUntil: next.activeUntil });
      return { ok: true, message: next ? 'vacation.saved' : 'vacation.switchedOff' };
    }, TRANSACTION);
  } catch (err) {
    // the mail server is down or refused: nothing was stored
    if (err instanceof ManageSieveError) return { message: sieveErrorKey(err) };
    throw err;
  }
}

/** A mailbox owner sets their own reply (the mailbox is the session's, never a form field). */
export function saveOwnVacation(owner: { username: string; auditName: string }, input: VacationInput): Promise<ActionState> {
  return storeVacation(owner, owner.username, input);
}

export function switchOffOwnVacation(owner: { username: string; auditName: string }): Promise<ActionState> {
  return storeVacation(owner, owner.username, null);
}

/** An admin switches a mailbox's reply off (a domain admin only in their domains). */
export async function switchOffVacation(actor: Actor, mailbox: string): Promise<ActionState> {
  if (!canManageDomain(actor, domainOf(mailbox))) return FORBIDDEN;
  return storeVacation(actor, mailbox, null);
}
