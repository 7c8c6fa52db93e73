import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import type { JobFilter } from './queue';
import { runDueJobs } from './runner';

// "Right away, after the commit": when this Mailroom is the mail host (the storageRunsHere setting),
// the jobs a change just wrote run now. The caller waits a moment for them, so the page it shows next
// usually says "done", but never longer, and a failure never reaches it: the job records it and is
// retried (by the storage worker here, or the agent).

const WAIT_MS = 3000;

/** Logs a storage runner's own failure (the jobs keep their state and are retried). */
export function reportRunnerError(err: unknown): void {
  console.error(`Mailroom storage jobs: ${err instanceof Error ? err.message : String(err)}`);
}

/** Runs the jobs matching `filter` now if this host does the storage work; never throws. */
export async function runJobsAfterCommit(filter: JobFilter): Promise<void> {
  try {
    const db = getDb();
    if (!(await getSettings(db)).storageRunsHere) return;
    const work = runDueJobs(db, filter).catch(reportRunnerError);
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
