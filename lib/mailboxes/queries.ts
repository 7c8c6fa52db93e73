import 'server-only';
import { domainToASCII } from 'node:url';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import { getDomainStorage } from '@/lib/settings/storage-backend';
import { splitAddress } from './address';

export const MAILBOX_PAGE_SIZE = 25;
const MAX_PAGE = 10_000_000;

export interface MailboxListRow {
  username: string;
  localPart: string;
  name: string;
  /** bytes; 0 = unlimited */
  quota: bigint;
  /** bytes in use, from Dovecot's quota2 table; null when Dovecot has not written a row yet */
  usedBytes: bigint | null;
  active: boolean;
  modified: Date;
}

export interface MailboxList {
  rows: MailboxListRow[];
  total: number;
  page: number;
  pageCount: number;
}

/** LIKE pattern for "starts with", wildcards in the text taken literally (escape character `!`). */
function startsWithPattern(text: string): string {
  return `${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** The search box's text as a username prefix: lowercase; a Unicode domain after `@` in punycode. */
function searchPrefix(q: string): string {
  const term = q.trim().toLowerCase();
  const at = term.lastIndexOf('@');
  if (at < 0 || /^[\x00-\x7f]*$/.test(term)) return term;
  const ascii = domainToASCII(term.slice(at + 1));
  return ascii ? `${term.slice(0, at + 1)}${ascii}` : term;
}

/**
 * One page of a domain's mailboxes, by address, optionally those whose address starts with `q`
 * (usernames start with the local part). Built for domains of 100,000 mailboxes: the count and
 * the page's keys come from the `domain` index alone (InnoDB appends the primary key, so it is
 * ordered by username and covers both), a search is a range on it, and only the page's 25 rows
 * are then read, with their quota usage. Null when the actor may not manage the domain.
 */
export async function listMailboxes(actor: Actor, domainName: string, opts: { q?: string; page?: number }): Promise<MailboxList | null> {
  if (!canManageDomain(actor, domainName)) return null;
  const db = getDb();
  const domain = domainName.toLowerCase();
  const prefix = searchPrefix(opts.q ?? '');
  const filter = prefix ? Prisma.sql`AND username LIKE ${startsWithPattern(prefix)} ESCAPE '!'` : Prisma.empty;
  const pageKeys = async (page: number) =>
    (
      await db.$queryRaw<{ username: string }[]>`
        SELECT username FROM mailbox WHERE domain = ${domain} ${filter}
        ORDER BY username LIMIT ${MAILBOX_PAGE_SIZE} OFFSET ${(page - 1) * MAILBOX_PAGE_SIZE}`
    ).map((r) => r.username);

  const requested = Math.min(MAX_PAGE, Math.max(1, Math.floor(opts.page ?? 1) || 1));
  // count and keys in parallel; a page past the end is fetched again as the last page
  const [counted, requestedKeys] = await Promise.all([
    db.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n FROM mailbox WHERE domain = ${domain} ${filter}`,
    pageKeys(requested),
  ]);
  const total = Number(counted[0]?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / MAILBOX_PAGE_SIZE));
  const page = Math.min(requested, pageCount);
  const keys = page === requested ? requestedKeys : await pageKeys(page);
  if (keys.length === 0) return { rows: [], total, page, pageCount };

  const [mailboxes, usage] = await Promise.all([
    db.mailbox.findMany({
      where: { username: { in: keys } },
      select: { username: true, localPart: true, name: true, quota: true, active: true, modified: true },
    }),
    db.quota2.findMany({ where: { username: { in: keys } }, select: { username: true, bytes: true } }),
  ]);
  const used = new Map(usage.map((u) => [u.username.toLowerCase(), u.bytes]));
  const byName = new Map(mailboxes.map((m) => [m.username, m]));
  const rows = keys.flatMap((k) => {
    const m = byName.get(k);
    return m ? [{ ...m, usedBytes: used.get(m.username.toLowerCase()) ?? null }] : [];
  });
  return { rows, total, page, pageCount };
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
