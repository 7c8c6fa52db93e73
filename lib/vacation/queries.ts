import 'server-only';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import type { StoredVacation } from './rules';
import { domainOf } from '@/lib/tracer/source';
import { getSieveEndpoint } from './sieve-endpoint';

const VACATION_FIELDS = { active: true, subject: true, body: true, activefrom: true, activeuntil: true, intervalTime: true } as const;

/** A mailbox's stored reply (PostfixAdmin's row), or null when it never had one. */
export async function findVacation(mailbox: string): Promise<StoredVacation | null> {
  return getDb().vacation.findUnique({ where: { email: mailbox }, select: VACATION_FIELDS });
}

/** Whether the mailbox's replies can be switched on: its domain's ManageSieve server (Dovecot or Cyrus) is configured. */
export async function isVacationAvailable(mailbox: string): Promise<boolean> {
  return (await getSieveEndpoint(getDb(), domainOf(mailbox))) !== null;
}

/** A mailbox of `domain` the actor may manage, with its reply; null (answer 404) otherwise. */
export async function findVacationForActor(actor: Actor, domain: string, mailbox: string): Promise<{ username: string; active: boolean; vacation: StoredVacation | null } | null> {
  const domainName = domain.toLowerCase();
  if (!canManageDomain(actor, domainName)) return null;
  const row = await getDb().mailbox.findUnique({ where: { username: mailbox }, select: { username: true, domain: true, active: true } });
  if (!row || row.domain.toLowerCase() !== domainName) return null;
  return { username: row.username, active: row.active, vacation: await findVacation(row.username) };
}
