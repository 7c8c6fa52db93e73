import 'server-only';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';

/**
 * Bytes in use in a domain's mailboxes, as Dovecot's dict quota reports them in quota2 (mailboxes without
 * a quota2 row have had no delivery yet and count as 0). Null when the actor may not see the domain.
 */
export async function getDomainUsedBytes(actor: Actor, domain: string): Promise<bigint | null> {
  if (!canManageDomain(actor, domain)) return null;
  const rows = await getDb().$queryRaw<{ used: bigint | number | string | null }[]>`
    SELECT SUM(q.bytes) AS used FROM mailbox m JOIN quota2 q ON q.username = m.username WHERE m.domain = ${domain.toLowerCase()}`;
  return BigInt(rows[0]?.used ?? 0);
}
