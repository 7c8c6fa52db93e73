import type { Db, Tx } from '@/lib/db/client';
import { getCyrusSieveLogin } from '@/lib/mail/cyrus/settings';
import { getDomainStorage, type StorageBackend } from '@/lib/settings/storage-backend';
import { getManageSieveSettings } from './sieve-settings';

// Which ManageSieve server holds a mailbox's Sieve scripts follows where its domain stores mail
// (getDomainStorage): Dovecot Pigeonhole with the master user of the self-service settings for
// dovecot-maildir domains; Cyrus's timsieved, on the Cyrus host's sieve port, with the Cyrus admin
// (the Cyrus settings) for Cyrus-backed ones. Both act for the mailbox through SASL PLAIN's
// authorization id, so the owner's password is never needed.

export interface SieveEndpoint {
  server: StorageBackend;
  host: string;
  port: number;
  /** STARTTLS before logging in */
  tls: boolean;
  /** who logs in: a Dovecot master user or a Cyrus admin */
  masterUser: string;
  masterPassword: string;
}

/** The ManageSieve server and login for the mailboxes of `domain` (stored form), or null when not set up. */
export async function getSieveEndpoint(db: Db | Tx, domain: string): Promise<SieveEndpoint | null> {
  const { backend } = await getDomainStorage(db, domain.toLowerCase());
  if (backend === 'cyrus') {
    const cyrus = await getCyrusSieveLogin(db);
    return cyrus && { server: backend, host: cyrus.host, port: cyrus.port, tls: cyrus.tls, masterUser: cyrus.adminUser, masterPassword: cyrus.adminPassword };
  }
  const dovecot = await getManageSieveSettings(db);
  return dovecot && { server: backend, ...dovecot, tls: false };
}
