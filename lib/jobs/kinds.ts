import { z } from 'zod';

// The kinds of storage work, and what each needs once the database row it follows may be gone.

export const JOB_KINDS = ['maildir.create', 'maildir.delete'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const maildirPayloadSchema = z.object({ maildir: z.string() });
export type MaildirPayload = z.infer<typeof maildirPayloadSchema>;

/** A job to write in the caller's transaction. */
export interface NewJob {
  kind: JobKind;
  /** the mailbox username */
  target: string;
  domain: string;
  payload: MaildirPayload;
}

/** The Maildir of a new mailbox: created after the commit (if the row still exists then). */
export function createMaildirJob(username: string, domain: string, maildir: string): NewJob {
  return { kind: 'maildir.create', target: username, domain, payload: { maildir } };
}

/** The Maildir of a deleted mailbox: archived or removed after the commit, per the delete policy. */
export function deleteMaildirJob(username: string, domain: string, maildir: string): NewJob {
  return { kind: 'maildir.delete', target: username, domain, payload: { maildir } };
}
