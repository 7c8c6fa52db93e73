import type { Db, Tx } from '@/lib/db/client';
import { checkLocalPart } from '@/lib/mailboxes/schema';
import { getDomainsStorage, listCyrusDomains } from '@/lib/settings/storage-backend';
import { parseCyrusUser } from './names';
import { listCyrusUsers, type CyrusConnection, type CyrusMailboxSpec } from './operations';

// Mailroom's database against the Cyrus server: mailboxes of Cyrus-backed domains that Cyrus does
// not have, and user mailboxes on Cyrus that no mailbox row of a Cyrus-backed domain accounts for.

export interface MissingOnCyrus {
  username: string;
  domain: string;
  quotaBytes: bigint;
}

export type OrphanStatus =
  /** its domain is a Cyrus-backed Mailroom domain: it can become a Mailroom mailbox */
  | 'adoptable'
  /** a mailbox row exists, but its domain is stored elsewhere (or its address is taken by an alias) */
  | 'conflict'
  /** its domain is not in Mailroom, or not Cyrus-backed */
  | 'foreign-domain'
  /** a name Mailroom cannot manage (no domain, or characters Mailroom does not create) */
  | 'unmanaged';

export interface OrphanOnCyrus {
  username: string;
  status: OrphanStatus;
}

export interface CyrusReconciliation {
  cyrusDomains: string[];
  missingOnCyrus: MissingOnCyrus[];
  orphansOnCyrus: OrphanOnCyrus[];
  inSync: number;
}

/** Whether Mailroom may delete this Cyrus user (a name of `local@domain` form it can address). */
export function isDeletableOrphan(orphan: OrphanOnCyrus): boolean {
  return orphan.status !== 'unmanaged' && orphan.status !== 'conflict';
}

async function orphanStatus(db: Db | Tx, username: string, cyrusDomains: Set<string>): Promise<OrphanStatus> {
  let domain: string;
  let localPart: string;
  try {
    ({ domain, localPart } = parseCyrusUser(username));
  } catch {
    return 'unmanaged';
  }
  if (!cyrusDomains.has(domain)) {
    const row = await db.mailbox.findUnique({ where: { username }, select: { username: true } });
    return row ? 'conflict' : 'foreign-domain';
  }
  const local = checkLocalPart(localPart);
  if (!local.ok || local.localPart !== localPart) return 'unmanaged';
  const alias = await db.alias.findUnique({ where: { address: username }, select: { address: true } });
  return alias ? 'conflict' : 'adoptable';
}

/** Both lists, from one LIST on Cyrus and the mailbox rows of the Cyrus-backed domains. */
export async function reconcileCyrus(db: Db | Tx, conn: CyrusConnection): Promise<CyrusReconciliation> {
  const cyrusDomains = await listCyrusDomains(db);
  const [onCyrus, rows] = await Promise.all([
    listCyrusUsers(conn),
    db.mailbox.findMany({ where: { domain: { in: cyrusDomains } }, select: { username: true, domain: true, quota: true }, orderBy: { username: 'asc' } }),
  ]);
  const cyrusSet = new Set(onCyrus);
  const dbSet = new Set(rows.map((r) => r.username));
  const missingOnCyrus = rows.filter((r) => !cyrusSet.has(r.username)).map((r) => ({ username: r.username, domain: r.domain, quotaBytes: r.quota }));
  const domains = new Set(cyrusDomains);
  const orphansOnCyrus: OrphanOnCyrus[] = [];
  for (const username of onCyrus.filter((u) => !dbSet.has(u))) orphansOnCyrus.push({ username, status: await orphanStatus(db, username, domains) });
  return { cyrusDomains, missingOnCyrus, orphansOnCyrus, inSync: rows.length - missingOnCyrus.length };
}

/** What ensureCyrusMailbox needs for mailbox rows: their quota, and their domains' folders. */
export async function mailboxSpecs(db: Db | Tx, mailboxes: readonly { username: string; domain: string; quotaBytes: bigint }[]): Promise<CyrusMailboxSpec[]> {
  const storage = await getDomainsStorage(db, [...new Set(mailboxes.map((m) => m.domain))]);
  return mailboxes.map((m) => ({ username: m.username, quotaBytes: m.quotaBytes, folders: storage.get(m.domain)?.folders ?? [] }));
}
