import 'server-only';
import type { MailboxOwner } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { readForward, type ForwardState } from '@/lib/forwards/goto';

/** The owner's quota usage as Dovecot reports it in quota2 (bytes); null before the first delivery. */
export async function getOwnQuotaUsage(owner: Pick<MailboxOwner, 'username'>): Promise<{ bytes: bigint; messages: number } | null> {
  return getDb().quota2.findUnique({ where: { username: owner.username }, select: { bytes: true, messages: true } });
}

/** The owner's forward, read from their own alias row (no row: plain delivery to the mailbox). */
export async function getOwnForward(owner: Pick<MailboxOwner, 'username'>): Promise<ForwardState> {
  const alias = await getDb().alias.findUnique({ where: { address: owner.username }, select: { goto: true } });
  return alias ? readForward(owner.username, alias.goto) : { targets: [], keepCopy: true, vacation: [] };
}
