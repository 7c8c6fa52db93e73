import 'server-only';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { Cursor, KeysetOptions, KeysetPage } from '@/lib/pagination/keyset';
import { getDomainStorage } from '@/lib/settings/storage-backend';
import { splitAddress } from './address';
import { findMailboxPage, type MailboxListRow } from './list';

export type { MailboxListRow } from './list';

/**
 * One page of a domain's mailboxes by address at `cursor`, with their quota usage, optionally those
 * whose address starts with `q`; the total is counted up to COUNT_CAP (`options` lowers it in tests).
 * Null when the actor may not manage the domain.
 */
export async function listMailboxes(actor: Actor, domainName: string, opts: { q?: string; cursor?: Cursor }, options?: KeysetOptions): Promise<KeysetPage<MailboxListRow> | null> {
  if (!canManageDomain(actor, domainName)) return null;
  return findMailboxPage(getDb(), domainName.toLowerCase(), opts.q ?? '', opts.cursor ?? { kind: 'first' }, options);
}

/** A mailbox the actor may manage (never its password), or null when missing or not allowed. */
export async function findMailboxForActor(actor: Actor, address: string) {
  const parts = splitAddress(address);
  if (!parts || !canManageDomain(actor, parts.domain)) return null;
  return getDb().mailbox.findFirst({
    where: { username: parts.address, domain: parts.domain },
    select: { username: true, localPart: true, domain: true, name: true, maildir: true, quota: true, active: true, created: true, modified: true },
  });
}

/** Sum of the domain's limited mailbox quotas in bytes (for the form's hint), leaving out the mailbox being edited. */
export async function getAllocatedQuota(actor: Actor, domain: string, exceptUsername?: string): Promise<bigint> {
  if (!canManageDomain(actor, domain)) return 0n;
  const where: Prisma.MailboxWhereInput = { domain: domain.toLowerCase(), quota: { gt: 0 }, ...(exceptUsername ? { NOT: { username: exceptUsername } } : {}) };
  return (await getDb().mailbox.aggregate({ where, _sum: { quota: true } }))._sum.quota ?? 0n;
}

/** Aliases other than the mailbox's own whose targets include it (goto is a comma-separated list). */
export async function findAliasesPointingTo(username: string): Promise<string[]> {
  const target = username.toLowerCase();
  const candidates = await getDb().alias.findMany({
    where: { goto: { contains: target }, NOT: { address: target } },
    select: { address: true, goto: true },
    orderBy: { address: 'asc' },
  });
  return candidates.filter((a) => a.goto.split(',').some((g) => g.trim().toLowerCase() === target)).map((a) => a.address);
}

/**
 * What deleting a mailbox removes (its own alias with any forward targets, vacation reply, quota
 * usage row, its mailbox on Cyrus for a Cyrus-backed domain) and which other aliases still point to
 * it (they are kept). Null when not allowed.
 */
export async function getMailboxDeletionSummary(actor: Actor, address: string) {
  const mailbox = await findMailboxForActor(actor, address);
  if (!mailbox) return null;
  const db = getDb();
  const [selfAlias, vacation, quotaUsage, pointingAliases, storage] = await Promise.all([
    db.alias.findUnique({ where: { address: mailbox.username }, select: { goto: true } }),
    db.vacation.findUnique({ where: { email: mailbox.username }, select: { active: true } }),
    db.quota2.findUnique({ where: { username: mailbox.username }, select: { bytes: true, messages: true } }),
    findAliasesPointingTo(mailbox.username),
    getDomainStorage(db, mailbox.domain.toLowerCase()),
  ]);
  const forwardTargets = selfAlias ? selfAlias.goto.split(',').map((g) => g.trim()).filter((g) => g && g.toLowerCase() !== mailbox.username) : [];
  return { mailbox, selfAlias: selfAlias !== null, forwardTargets, vacation, quotaUsage, pointingAliases, storage: storage.backend === 'cyrus' ? ('cyrus' as const) : ('maildir' as const) };
}
