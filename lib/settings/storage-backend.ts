import { z } from 'zod';
import type { Db, Tx } from '@/lib/db/client';
import { parseFolderList } from '@/lib/mail/cyrus/names';

// Where a domain's mailboxes are stored: the installation's default (setting `storageBackend` in
// mailroom_setting) unless the domain has its own choice in mailroom_domain_storage. Kept apart from
// lib/settings/settings.ts so the storage work of other modules can grow without touching it.

export const STORAGE_BACKENDS = ['dovecot-maildir', 'cyrus'] as const;
export type StorageBackend = (typeof STORAGE_BACKENDS)[number];
export const DEFAULT_STORAGE_BACKEND: StorageBackend = 'dovecot-maildir';

const SETTING = 'storageBackend';
const backendSchema = z.enum(STORAGE_BACKENDS);

export function isStorageBackend(value: unknown): value is StorageBackend {
  return backendSchema.safeParse(value).success;
}

/** The installation's default backend (a missing or unreadable setting is the Dovecot Maildir default). */
export async function getDefaultStorageBackend(db: Db | Tx): Promise<StorageBackend> {
  const row = await db.mailroomSetting.findUnique({ where: { name: SETTING }, select: { value: true } });
  if (!row) return DEFAULT_STORAGE_BACKEND;
  try {
    const parsed = backendSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : DEFAULT_STORAGE_BACKEND;
  } catch {
    return DEFAULT_STORAGE_BACKEND;
  }
}

export async function saveDefaultStorageBackend(db: Db | Tx, backend: StorageBackend): Promise<void> {
  const value = JSON.stringify(backend);
  await db.mailroomSetting.upsert({ where: { name: SETTING }, create: { name: SETTING, value }, update: { value } });
}

export interface DomainStorage {
  backend: StorageBackend;
  /** the domain has its own choice (else it follows the default) */
  overridden: boolean;
  /** folders a new Cyrus mailbox of this domain gets */
  folders: string[];
}

function readRow(row: { backend: string | null; folders: string } | null, fallback: StorageBackend): DomainStorage {
  const own = row?.backend && isStorageBackend(row.backend) ? row.backend : null;
  return { backend: own ?? fallback, overridden: own !== null, folders: parseFolderList(row?.folders ?? '').folders };
}

/** A domain's effective storage (domain name as stored: lowercase punycode). */
export async function getDomainStorage(db: Db | Tx, domain: string): Promise<DomainStorage> {
  const [fallback, row] = await Promise.all([
    getDefaultStorageBackend(db),
    db.mailroomDomainStorage.findUnique({ where: { domain }, select: { backend: true, folders: true } }),
  ]);
  return readRow(row, fallback);
}

/** The effective storage of several domains at once. */
export async function getDomainsStorage(db: Db | Tx, domains: readonly string[]): Promise<Map<string, DomainStorage>> {
  const [fallback, rows] = await Promise.all([
    getDefaultStorageBackend(db),
    db.mailroomDomainStorage.findMany({ where: { domain: { in: [...domains] } }, select: { domain: true, backend: true, folders: true } }),
  ]);
  const byDomain = new Map(rows.map((r) => [r.domain.toLowerCase(), r]));
  return new Map(domains.map((d) => [d, readRow(byDomain.get(d.toLowerCase()) ?? null, fallback)]));
}

/** Every existing domain whose mailboxes live on Cyrus (by default or by its own choice). */
export async function listCyrusDomains(db: Db | Tx): Promise<string[]> {
  const [fallback, rows, domains] = await Promise.all([
    getDefaultStorageBackend(db),
    db.mailroomDomainStorage.findMany({ select: { domain: true, backend: true } }),
    db.domain.findMany({ select: { domain: true }, orderBy: { domain: 'asc' } }),
  ]);
  const own = new Map(rows.map((r) => [r.domain.toLowerCase(), r.backend]));
  return domains
    .map((d) => d.domain)
    .filter((d) => {
      const choice = own.get(d.toLowerCase());
      return (choice && isStorageBackend(choice) ? choice : fallback) === 'cyrus';
    });
}

/** Sets a domain's own backend (null = follow the default) and its Cyrus folders. */
export async function saveDomainStorage(db: Db | Tx, domain: string, storage: { backend: StorageBackend | null; folders: readonly string[] }): Promise<void> {
  const data = { backend: storage.backend, folders: storage.folders.join(', ') };
  await db.mailroomDomainStorage.upsert({ where: { domain }, create: { domain, ...data }, update: data });
}

/**
 * Before the installation's default changes: every domain that follows the default and has
 * mailboxes gets the current default as its own choice, so its mailboxes stay where they are
 * stored (Mailroom does not move mail between Maildirs and Cyrus). Returns those domains.
 */
export async function keepPopulatedDomainsOn(tx: Tx, current: StorageBackend): Promise<string[]> {
  const rows = await tx.$queryRaw<{ domain: string }[]>`
    SELECT d.domain FROM domain d LEFT JOIN mailroom_domain_storage s ON s.domain = d.domain
    WHERE s.backend IS NULL AND EXISTS (SELECT 1 FROM mailbox m WHERE m.domain = d.domain) ORDER BY d.domain`;
  for (const { domain } of rows) {
    await tx.mailroomDomainStorage.upsert({ where: { domain }, create: { domain, backend: current }, update: { backend: current } });
  }
  return rows.map((r) => r.domain);
}
