import type { Db } from '@/lib/db/client';
import { CyrusAuthError, CyrusCommandError, CyrusNotConfiguredError, CyrusUnavailableError, isRetryableCyrusError } from '@/lib/mail/cyrus/errors';
import { CyrusNameRefusedError, userMailboxName } from '@/lib/mail/cyrus/names';
import { deleteCyrusMailbox, ensureCyrusMailbox, quotaKib, setCyrusQuota } from '@/lib/mail/cyrus/operations';
import { mailboxSpecs } from '@/lib/mail/cyrus/reconcile';
import { getCyrusConnection } from '@/lib/mail/cyrus/settings';
import { StorageError } from '@/lib/mail/maildir/errors';
import type { ClaimedJob } from './queue';

// The Cyrus jobs. Like the Maildir ones, each looks at the database as it is when it runs (the row
// is the truth: its quota now, not when the job was written) and at Cyrus, and does what is still
// missing; the Cyrus operations are idempotent, so a re-run after any failure completes the work.
// The queue runs a mailbox's Cyrus jobs in the order they were written (queue.ts); the checks on
// later jobs below make a job retried out of that order (a failed one, by hand) harmless.

const CYRUS_ERRORS = [CyrusUnavailableError, CyrusAuthError, CyrusCommandError, CyrusNotConfiguredError, CyrusNameRefusedError];

/** A Cyrus failure as the runner's StorageError: retried when Cyrus was unreachable, failed otherwise. */
function asStorageError(err: unknown): unknown {
  if (!CYRUS_ERRORS.some((type) => err instanceof type)) return err; // the database, a bug: retried by the runner
  // the Cyrus errors' messages never hold a password (lib/mail/cyrus/errors.ts)
  return new StorageError((err as Error).message, !isRetryableCyrusError(err));
}

/** The newest job of this mailbox written after `job`, among `kinds`. */
function laterJob(db: Db, job: ClaimedJob, kinds: string[]) {
  return db.mailroomJob.findFirst({
    where: { target: job.target, id: { gt: job.id }, kind: { in: kinds } },
    orderBy: { id: 'desc' },
    select: { id: true, kind: true, state: true },
  });
}

async function createOnCyrus(db: Db, job: ClaimedJob): Promise<string> {
  const deleted = await laterJob(db, job, ['cyrus.delete']);
  if (deleted) return `the mailbox was deleted after this job was written: job #${deleted.id} takes over`;
  const row = await db.mailbox.findUnique({ where: { username: job.target }, select: { domain: true, quota: true } });
  if (!row) return 'the mailbox no longer exists: nothing to create';
  const [spec] = await mailboxSpecs(db, [{ username: job.target, domain: row.domain, quotaBytes: row.quota }]);
  if (!spec) throw new StorageError(`No Cyrus specification for ${job.target}`, true);
  const { created, foldersCreated } = await ensureCyrusMailbox(await getCyrusConnection(db), spec);
  const folders = foldersCreated.length ? `, folders ${foldersCreated.join(', ')} created` : '';
  return `${userMailboxName(job.target)} ${created ? 'created' : 'was already there'}${folders}; quota ${describeQuota(row.quota)}, subscriptions set`;
}

async function setQuotaOnCyrus(db: Db, job: ClaimedJob): Promise<string> {
  const deleted = await laterJob(db, job, ['cyrus.delete']);
  if (deleted) return `the mailbox was deleted after this job was written: job #${deleted.id} takes over`;
  const row = await db.mailbox.findUnique({ where: { username: job.target }, select: { quota: true } });
  if (!row) return 'the mailbox no longer exists: no quota to set';
  await setCyrusQuota(await getCyrusConnection(db), job.target, row.quota);
  return `quota of ${userMailboxName(job.target)} set: ${describeQuota(row.quota)}`;
}

async function deleteOnCyrus(db: Db, job: ClaimedJob): Promise<string> {
  const row = await db.mailbox.findUnique({ where: { username: job.target }, select: { username: true } });
  if (row) {
    // The address is a mailbox again. Its Cyrus mailbox stays when it now belongs to that mailbox:
    // adopted or imported as it is (no create job since), or already made by the new mailbox's create
    // (this job was retried late). When the new mailbox's create is still to run (or a Maildir's: the
    // domain moved), the old Cyrus mailbox and its mail go, and the create makes a fresh one.
    const created = await laterJob(db, job, ['cyrus.create', 'maildir.create']);
    if (!created || (created.kind === 'cyrus.create' && (created.state === 'done' || created.state === 'running'))) {
      return `${job.target} is a mailbox again${created ? ` (job #${created.id})` : ''}: its Cyrus mailbox is kept`;
    }
  }
  const existed = await deleteCyrusMailbox(await getCyrusConnection(db), job.target);
  return existed ? `${userMailboxName(job.target)} deleted with its folders and mail` : `${userMailboxName(job.target)} was not on Cyrus: nothing to delete`;
}

function describeQuota(quotaBytes: bigint): string {
  const kib = quotaKib(quotaBytes);
  return kib === null ? 'no limit' : `${kib} KiB`;
}

/** Runs one claimed Cyrus job; returns what was done. Throws a StorageError (retryable or not) when it could not. */
export async function performCyrusJob(db: Db, job: ClaimedJob): Promise<string> {
  try {
    if (job.kind === 'cyrus.create') return await createOnCyrus(db, job);
    if (job.kind === 'cyrus.quota') return await setQuotaOnCyrus(db, job);
    if (job.kind === 'cyrus.delete') return await deleteOnCyrus(db, job);
    throw new StorageError(`Unknown kind of job: ${job.kind}`, true);
  } catch (err) {
    throw asStorageError(err);
  }
}
