import type { Db } from '@/lib/db/client';
import { StorageError } from '@/lib/mail/maildir/errors';
import { getSettings } from '@/lib/settings/settings';
import { performJob } from './handlers';
import { claimJobs, finishJob, releaseJobs, type ClaimedJob, type JobFilter } from './queue';

// Runs due jobs: claim a batch, run each in order, record each outcome, until none is due.
// Used by Mailroom itself after a commit (when it runs on the mail host) and by the agent.

const BATCH = 20;

export interface RunSummary {
  done: number;
  retrying: number;
  failed: number;
}

export interface JobResult {
  job: ClaimedJob;
  state: 'done' | 'pending' | 'failed';
  /** what was done, or why not */
  text: string;
}

export interface RunOptions {
  /** checked between jobs: true stops the run, giving back claimed jobs not yet started */
  shouldStop?: () => boolean;
  onResult?: (result: JobResult) => void;
}

/** An unexpected error (the database, a bug) as a retryable outcome with its message. */
function asStorageError(err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  return new StorageError(err instanceof Error ? err.message : String(err), false);
}

/** Runs every due job matching `filter`, batch after batch; returns how they ended. */
export async function runDueJobs(db: Db, filter: JobFilter = {}, opts: RunOptions = {}): Promise<RunSummary> {
  const summary: RunSummary = { done: 0, retrying: 0, failed: 0 };
  for (;;) {
    if (opts.shouldStop?.()) return summary;
    const settings = await getSettings(db); // per batch: a changed setting applies to the next jobs
    const jobs = await claimJobs(db, filter, BATCH);
    if (jobs.length === 0) return summary;
    for (const [i, job] of jobs.entries()) {
      if (opts.shouldStop?.()) {
        await releaseJobs(db, jobs.slice(i));
        return summary;
      }
      let text: string;
      let state: JobResult['state'];
      try {
        text = await performJob(db, job, settings);
        state = await finishJob(db, job, { ok: true });
      } catch (err) {
        const e = asStorageError(err);
        text = e.message;
        state = await finishJob(db, job, { ok: false, error: e.message, permanent: e.permanent });
      }
      if (state === 'done') summary.done++;
      else if (state === 'pending') summary.retrying++;
      else summary.failed++;
      opts.onResult?.({ job, state, text });
    }
  }
}
