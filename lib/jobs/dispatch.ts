import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { runnableHere } from './kinds';
import type { JobFilter } from './queue';
import { runDueJobs } from './runner';

// "Right away, after the commit": the jobs a change just wrote run now, in this process, when this
// Mailroom may run them: every kind when it is the mail host (the storageRunsHere setting), else the
// Cyrus jobs only (Mailroom reaches Cyrus over IMAP as its admin, as its Cyrus pages do; Maildirs
// need the mail host's disk). The caller waits a moment for them, so the page it shows next usually
// says "done", but never longer, and a failure never reaches it: the job records it and is retried
// (by the storage worker here, or the agent).

const WAIT_MS = 3000;

/** Logs a storage runner's own failure (the jobs keep their state and are retried). */
export function reportRunnerError(err: unknown): void {
  console.error(`Mailroom storage jobs: ${err instanceof Error ? err.message : String(err)}`);
}

/** Runs the jobs matching `filter` now, those this host may run; never throws. */
export async function runJobsAfterCommit(filter: JobFilter): Promise<void> {
  try {
    const db = getDb();
    const work = runDueJobs(db, runnableHere(filter, (await getSettings(db)).storageRunsHere)).catch(reportRunnerError);
    let timer: NodeJS.Timeout | undefined;
    const patience = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, WAIT_MS);
      timer.unref();
    });
    await Promise.race([work, patience]);
    clearTimeout(timer);
  } catch (err) {
    reportRunnerError(err);
  }
}
