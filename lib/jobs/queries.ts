import 'server-only';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { splitAddress } from '@/lib/mailboxes/address';

const SHOWN = 5;

/** The latest storage jobs of a mailbox (its address), newest first; null when the actor may not see it. */
export async function listMailboxJobs(actor: Actor, address: string) {
  const parts = splitAddress(address);
  if (!parts || !canManageDomain(actor, parts.domain)) return null;
  return getDb().mailroomJob.findMany({
    where: { target: parts.address, domain: parts.domain },
    orderBy: { id: 'desc' },
    take: SHOWN,
    select: { id: true, kind: true, state: true, attempts: true, lastError: true, runAfter: true, modified: true },
  });
}

export type MailboxJob = NonNullable<Awaited<ReturnType<typeof listMailboxJobs>>>[number];
