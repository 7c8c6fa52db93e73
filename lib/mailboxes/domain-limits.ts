import 'server-only';
import type { Tx } from '@/lib/db/client';
import { checkMailboxQuota, fitsCountLimit } from '@/lib/domains/limits';
import { Prisma } from '@/lib/generated/prisma/client';

// A domain's mailbox limits, enforced inside the transaction that writes the mailbox. The domain
// row is locked first (SELECT ... FOR UPDATE), so concurrent creations in one domain queue up;
// READ COMMITTED makes the counts read after the lock see what the previous holder committed.
export const LIMITS_TRANSACTION = {
  isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted,
  maxWait: 15_000,
  timeout: 30_000,
} as const;

export interface LockedDomain {
  domain: string;
  /** limit on mailboxes: 0 unlimited, -1 disabled */
  mailboxes: number;
  /** PostfixAdmin MB */
  maxquota: bigint;
  /** PostfixAdmin MB */
  quota: bigint;
}

/** Locks the domain row until the transaction ends; null when the domain does not exist. */
export async function lockDomain(tx: Tx, domain: string): Promise<LockedDomain | null> {
  const rows = await tx.$queryRaw<{ domain: string; mailboxes: number | bigint; maxquota: number | bigint; quota: number | bigint }[]>`
    SELECT domain, mailboxes, maxquota, quota FROM domain WHERE domain = ${domain} FOR UPDATE`;
  const row = rows[0];
  if (!row) return null;
  return { domain: row.domain, mailboxes: Number(row.mailboxes), maxquota: BigInt(row.maxquota), quota: BigInt(row.quota) };
}

/** Sum of the domain's mailbox quotas in bytes, leaving out unlimited (0) and legacy negative rows. */
async function allocatedBytes(tx: Tx, domain: string, exceptUsername?: string): Promise<bigint> {
  const where: Prisma.MailboxWhereInput = { domain, quota: { gt: 0 }, ...(exceptUsername ? { NOT: { username: exceptUsername } } : {}) };
  const sum = await tx.mailbox.aggregate({ where, _sum: { quota: true } });
  return sum._sum.quota ?? 0n;
}

export type LimitRefusal = { message: string } | { field: 'quota'; message: string };

/** Checks the quota of a new or changed mailbox against the locked domain's limits. */
export async function checkQuotaLimit(tx: Tx, domain: LockedDomain, quotaBytes: bigint, exceptUsername?: string): Promise<LimitRefusal | null> {
  const reason = checkMailboxQuota({
    quotaBytes,
    domainMaxQuotaMb: domain.maxquota,
    domainQuotaMb: domain.quota,
    otherMailboxesBytes: await allocatedBytes(tx, domain.domain, exceptUsername),
  });
  return reason ? { field: 'quota', message: `mailbox.errors.quota_${reason}` } : null;
}

/** Checks that one more mailbox fits the locked domain's mailbox limit. */
export async function checkCountLimit(tx: Tx, domain: LockedDomain): Promise<LimitRefusal | null> {
  if (domain.mailboxes === 0) return null; // unlimited: no need to count
  const count = await tx.mailbox.count({ where: { domain: domain.domain } });
  if (fitsCountLimit(domain.mailboxes, count)) return null;
  return { message: domain.mailboxes < 0 ? 'mailbox.errors.mailboxesDisabled' : 'mailbox.errors.limitReached' };
}
