import { getDb } from '@/lib/db/client';
import { isMissingTable } from '@/lib/db/errors';
import { getSettings } from '@/lib/settings/settings';
import { reportRunnerError } from './dispatch';
import { runnableHere } from './kinds';
import { purgeFinishedJobs } from './purge';
import { runDueJobs } from './runner';

// Inside the Mailroom server: it also runs the jobs that are due later (retries after a backoff, jobs
// left by a stopped process), as the agent would: the Cyrus jobs always, the Maildir ones when it is
// the mail host (the storageRunsHere setting; see dispatch.ts). About once an hour it also deletes old
// finished jobs (purge.ts).

const POLL_MS = 10_000;
const PURGE_EVERY_MS = 3_600_000;
const state = globalThis as unknown as { mailroomStorageWorker?: { timer?: NodeJS.Timeout; stopped: boolean; purgedAt?: number } };

async function tick(pollMs: number): Promise<void> {
  const worker = state.mailroomStorageWorker;
  if (!worker || worker.stopped) return;
  try {
    const db = getDb();
    await runDueJobs(db, runnableHere({}, (await getSettings(db)).storageRunsHere), { shouldStop: () => worker.stopped });
    if (Date.now() - (worker.purgedAt ?? 0) >= PURGE_EVERY_MS) {
      worker.purgedAt = Date.now();
      await purgeFinishedJobs(db);
    }
  } catch (err) {
    if (!isMissingTable(err)) reportRunnerError(err); // before the setup wizard migrates: nothing to do yet
  } finally {
    if (!worker.stopped) worker.timer = setTimeout(() => void tick(pollMs), pollMs).unref();
  }
}

/** Starts polling for due storage jobs in this process (once; the timer does not keep the process alive). */
export function startStorageWorker(pollMs = POLL_MS): void {
  if (state.mailroomStorageWorker && !state.mailroomStorageWorker.stopped) return;
  const worker = { stopped: false, timer: undefined as NodeJS.Timeout | undefined, purgedAt: undefined as number | undefined };
  state.mailroomStorageWorker = worker;
  worker.timer = setTimeout(() => void tick(pollMs), pollMs).unref();
}

/** Stops polling (the job in hand finishes; claimed ones not started are given back). */
export function stopStorageWorker(): void {
  const worker = state.mailroomStorageWorker;
  if (!worker) return;
  worker.stopped = true;
  clearTimeout(worker.timer);
}
