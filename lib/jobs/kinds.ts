import { z } from 'zod';
import type { JobFilter } from './queue';

// The kinds of storage work, and what each needs once the database row it follows may be gone.
// maildir.* jobs work on the mail host's disk (there, or by the agent); cyrus.* jobs talk to Cyrus
// over IMAP as its admin, which Mailroom itself always can (see dispatch.ts).

export const MAILDIR_JOB_KINDS = ['maildir.create', 'maildir.delete'] as const;
export const CYRUS_JOB_KINDS = ['cyrus.create', 'cyrus.quota', 'cyrus.delete'] as const;
export const JOB_KINDS = [...MAILDIR_JOB_KINDS, ...CYRUS_JOB_KINDS] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export type CyrusJobKind = (typeof CYRUS_JOB_KINDS)[number];

export const maildirPayloadSchema = z.object({ maildir: z.string() });
export type MaildirPayload = z.infer<typeof maildirPayloadSchema>;

/** Cyrus jobs carry nothing: the target is the username, and the rest is read when the job runs. */
export type CyrusPayload = Record<string, never>;

/** A job to write in the caller's transaction. */
export type NewJob =
  | { kind: (typeof MAILDIR_JOB_KINDS)[number]; /** the mailbox username */ target: string; domain: string; payload: MaildirPayload }
  | { kind: CyrusJobKind; /** the mailbox username */ target: string; domain: string; payload: CyrusPayload };

export function isCyrusJobKind(kind: string): kind is CyrusJobKind {
  return (CYRUS_JOB_KINDS as readonly string[]).includes(kind);
}

/**
 * `filter` narrowed to the kinds of job the Mailroom server runs itself: every kind on the mail host
 * (the storageRunsHere setting), else only the Cyrus jobs (Maildirs need the mail host's disk).
 */
export function runnableHere(filter: JobFilter, storageRunsHere: boolean): JobFilter {
  if (storageRunsHere) return filter;
  return { ...filter, kinds: (filter.kinds ?? CYRUS_JOB_KINDS).filter(isCyrusJobKind) };
}

/** The Maildir of a new mailbox: created after the commit (if the row still exists then). */
export function createMaildirJob(username: string, domain: string, maildir: string): NewJob {
  return { kind: 'maildir.create', target: username, domain, payload: { maildir } };
}

/** The Maildir of a deleted mailbox: archived or removed after the commit, per the delete policy. */
export function deleteMaildirJob(username: string, domain: string, maildir: string): NewJob {
  return { kind: 'maildir.delete', target: username, domain, payload: { maildir } };
}

/** A Cyrus-backed mailbox's INBOX, quota, folders and subscriptions, made (or completed) after the commit. */
export function createCyrusJob(username: string, domain: string): NewJob {
  return { kind: 'cyrus.create', target: username, domain, payload: {} };
}

/** A Cyrus-backed mailbox's quota set again to the row's (read when the job runs). */
export function cyrusQuotaJob(username: string, domain: string): NewJob {
  return { kind: 'cyrus.quota', target: username, domain, payload: {} };
}

/** A deleted Cyrus-backed mailbox's INBOX and folders, with their mail, deleted on Cyrus after the commit. */
export function deleteCyrusJob(username: string, domain: string): NewJob {
  return { kind: 'cyrus.delete', target: username, domain, payload: {} };
}
