import type { Tx } from '@/lib/db/client';
import { parseCyrusUser } from '@/lib/mail/cyrus/names';
import { getDomainStorage } from '@/lib/settings/storage-backend';
import { createCyrusJob, createMaildirJob, cyrusQuotaJob, deleteCyrusJob, deleteMaildirJob, type NewJob } from './kinds';

// Which storage work a mailbox change needs depends on where its domain stores mail: a Maildir on
// the mail host (Dovecot), or a mailbox on Cyrus. Read in the change's own transaction, so the job
// written with the row matches the domain's storage at that moment.

export type MailboxStorage = 'maildir' | 'cyrus';

/** Where a domain's mailboxes live, read in the caller's transaction (domain as stored). */
export async function mailboxStorageOf(tx: Tx, domain: string): Promise<MailboxStorage> {
  return (await getDomainStorage(tx, domain)).backend === 'cyrus' ? 'cyrus' : 'maildir';
}

/** The job that makes a new mailbox's storage. */
export function mailboxCreatedJob(storage: MailboxStorage, mailbox: { username: string; domain: string; maildir: string }): NewJob {
  return storage === 'cyrus' ? createCyrusJob(mailbox.username, mailbox.domain) : createMaildirJob(mailbox.username, mailbox.domain, mailbox.maildir);
}

/** The job that removes a deleted mailbox's storage. */
export function mailboxDeletedJob(storage: MailboxStorage, mailbox: { username: string; domain: string; maildir: string }): NewJob {
  return storage === 'cyrus' ? deleteCyrusJob(mailbox.username, mailbox.domain) : deleteMaildirJob(mailbox.username, mailbox.domain, mailbox.maildir);
}

/** The job that applies a changed quota; none for Maildirs (Dovecot reads the quota from the row). */
export function quotaChangedJob(storage: MailboxStorage, mailbox: { username: string; domain: string }): NewJob | null {
  return storage === 'cyrus' ? cyrusQuotaJob(mailbox.username, mailbox.domain) : null;
}

/** Whether an address can be stored there: Cyrus refuses some characters RFC 5321 allows (lib/mail/cyrus/names.ts). */
export function isStorableAddress(storage: MailboxStorage, username: string): boolean {
  if (storage !== 'cyrus') return true;
  try {
    parseCyrusUser(username);
    return true;
  } catch {
    return false;
  }
}
