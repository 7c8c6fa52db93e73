import 'server-only';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { readForward, type ForwardState } from './goto';

/**
 * The mailbox a forward page is about: its route segment may be the full address or the local part;
 * either way it must be a mailbox of the page's domain.
 */
export function mailboxFromRoute(domain: string, segment: string): string {
  const value = segment.trim().toLowerCase();
  return value.includes('@') ? value : `${value}@${domain.toLowerCase()}`;
}

/** A mailbox of `domain` the actor may manage, with its forward; null (answer 404) otherwise. */
export async function findForwardForActor(actor: Actor, domain: string, mailbox: string): Promise<{ username: string; name: string; domain: string; active: boolean; forward: ForwardState } | null> {
  const domainName = domain.toLowerCase();
  if (!canManageDomain(actor, domainName)) return null;
  const db = getDb();
  const row = await db.mailbox.findUnique({ where: { username: mailbox }, select: { username: true, name: true, domain: true, active: true } });
  if (!row || row.domain.toLowerCase() !== domainName) return null;
  const alias = await db.alias.findUnique({ where: { address: row.username }, select: { goto: true } });
  // a mailbox without its alias row receives nothing through the alias maps: shown as a plain mailbox
  return { ...row, forward: alias ? readForward(row.username, alias.goto) : { targets: [], keepCopy: true, vacation: [] } };
}
