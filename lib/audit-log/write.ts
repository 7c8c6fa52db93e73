import type { Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/permissions';
import { toLatin1Text } from './latin1';

/** PostfixAdmin's action names, so its own log viewer reads our rows. */
export type AuditAction =
  | 'create_domain' | 'edit_domain' | 'edit_domain_state' | 'delete_domain'
  | 'create_alias' | 'edit_alias' | 'edit_alias_state' | 'delete_alias'
  | 'create_mailbox' | 'edit_mailbox' | 'edit_mailbox_state' | 'delete_mailbox'
  | 'create_alias_domain' | 'edit_alias_domain' | 'edit_alias_domain_state' | 'delete_alias_domain'
  | 'create_admin' | 'edit_admin' | 'delete_admin'
  | 'edit_vacation'
  // Mailroom's own: a change to the installation's settings (domain '')
  | 'edit_settings'
  // Mailroom's own: a mailbox made or removed on the Cyrus server (its row is audited as above)
  | 'cyrus_create_mailbox' | 'cyrus_delete_mailbox';

/** Writes one row to PostfixAdmin's `log` table inside the caller's transaction (text made latin1-safe). */
export async function writeAuditLog(
  tx: Tx,
  entry: { actor: Pick<Actor, 'auditName'>; domain: string; action: AuditAction; data: string },
): Promise<void> {
  await tx.log.create({
    data: { timestamp: new Date(), username: toLatin1Text(entry.actor.auditName).slice(0, 255), domain: entry.domain, action: entry.action, data: toLatin1Text(entry.data) },
  });
}
