import 'server-only';
import { canManageDomain, canManageDomains, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { getDefaultStorageBackend, getDomainStorage, isStorageBackend, type StorageBackend } from '@/lib/settings/storage-backend';
import { readCyrusUsage, type CyrusUsage } from './operations';
import { reconcileCyrus, type CyrusReconciliation } from './reconcile';
import { cyrusErrorKey } from './error-keys';
import { getCyrusConnection, getCyrusSettings, type CyrusSettings } from './settings';

// What the Cyrus pages and the mailbox list show. Cyrus being down or unconfigured is a state the
// page explains (an i18n key), never an error page; a page waits at most PAGE_TIMEOUT_MS for Cyrus.

const PAGE_TIMEOUT_MS = 5000;

async function pageConnection(db: ReturnType<typeof getDb>) {
  return { ...(await getCyrusConnection(db)), timeoutMs: PAGE_TIMEOUT_MS };
}

export type CyrusPageData = { settings: CyrusSettings } & (
  | { lists: CyrusReconciliation; creating: Map<string, CyrusCreation>; problem: null }
  | { lists: null; creating?: undefined; problem: string }
);

/** The reconciliation page's data (superadmin only, else null). */
export async function getCyrusPageData(actor: Actor): Promise<CyrusPageData | null> {
  if (!canManageDomains(actor)) return null;
  const db = getDb();
  const settings = await getCyrusSettings(db);
  try {
    const lists = await reconcileCyrus(db, await pageConnection(db));
    // a missing mailbox may only be waiting for its job (Cyrus was down): the page says so
    const creating = await unfinishedCreations(db, lists.missingOnCyrus.map((m) => m.username));
    return { settings, lists, creating, problem: null };
  } catch (err) {
    return { settings, lists: null, problem: cyrusErrorKey(err) };
  }
}

export interface StorageSettingsData {
  settings: CyrusSettings;
  defaultBackend: StorageBackend;
  /** domains with their own choice or folders */
  domains: { domain: string; backend: StorageBackend | null; folders: string }[];
}

/** The Cyrus settings page's data (superadmin only, else null); never the admin password. */
export async function getStorageSettingsData(actor: Actor): Promise<StorageSettingsData | null> {
  if (!canManageDomains(actor)) return null;
  const db = getDb();
  const [settings, defaultBackend, rows] = await Promise.all([
    getCyrusSettings(db),
    getDefaultStorageBackend(db),
    db.mailroomDomainStorage.findMany({ select: { domain: true, backend: true, folders: true }, orderBy: { domain: 'asc' } }),
  ]);
  return { settings, defaultBackend, domains: rows.map((r) => ({ domain: r.domain, backend: r.backend && isStorageBackend(r.backend) ? r.backend : null, folders: r.folders })) };
}

/** Where the latest cyrus.create job of a mailbox stands, for a mailbox Cyrus does not have (yet). */
export type CyrusCreation = 'pending' | 'failed';

export type CyrusQuotaUsage = { warnPercent: number; creating: Map<string, CyrusCreation> } & ({ usage: Map<string, CyrusUsage | null>; problem: null } | { usage: null; problem: string });

/** The mailboxes among `usernames` whose latest cyrus.create job is not done: pending (or running), or failed. */
async function unfinishedCreations(db: ReturnType<typeof getDb>, usernames: readonly string[]): Promise<Map<string, CyrusCreation>> {
  if (usernames.length === 0) return new Map();
  const jobs = await db.mailroomJob.findMany({ where: { target: { in: [...usernames] }, kind: 'cyrus.create' }, orderBy: { id: 'desc' }, select: { target: true, state: true } });
  const out = new Map<string, CyrusCreation>();
  const seen = new Set<string>();
  for (const job of jobs) {
    const key = job.target.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    if (job.state !== 'done') out.set(key, job.state === 'failed' ? 'failed' : 'pending');
  }
  return out;
}

/**
 * Quota usage from Cyrus for some mailboxes of a domain (one admin session), with the ones whose
 * Cyrus mailbox is still to be made by a job, or null when the domain is not Cyrus-backed or the
 * actor may not manage it.
 */
export async function findCyrusQuotaUsage(actor: Actor, domain: string, usernames: readonly string[]): Promise<CyrusQuotaUsage | null> {
  if (!canManageDomain(actor, domain)) return null;
  const db = getDb();
  if ((await getDomainStorage(db, domain.toLowerCase())).backend !== 'cyrus') return null;
  const { quotaWarnPercent: warnPercent } = await getCyrusSettings(db);
  const own = usernames.filter((u) => u.toLowerCase().endsWith(`@${domain.toLowerCase()}`));
  const creating = await unfinishedCreations(db, own);
  try {
    return { warnPercent, creating, usage: own.length ? await readCyrusUsage(await pageConnection(db), own) : new Map(), problem: null };
  } catch (err) {
    return { warnPercent, creating, usage: null, problem: cyrusErrorKey(err) };
  }
}
