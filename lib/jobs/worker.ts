import { getDb } from '@/lib/db/client';
import { isMissingTable } from '@/lib/db/errors';
import { getSettings } from '@/lib/settings/settings';
import { reportRunnerError } from './dispatch';
import { runDueJobs } from './runner';

// Inside the Mailroom server: when it is the mail host (the storageRunsHere setting), it also runs the
// jobs that are due later (retries after a backoff, jobs left by a stopped process), as the agent would.

const POLL_MS = 10_000;
const state = globalThis as unknown as { mailroomStorageWorker?: NodeJS.Timeout };

async function tick(): Promise<void> {
  try {
    const db = getDb();
    if ((await getSettings(db)).storageRunsHere) await runDueJobs(db);
  } catch (err) {
    if (!isMissingTable(err)) reportRunnerError(err); // before the setup wizard migrates: nothing to do yet
  } finally {
    state.mailroomStorageWorker = setTimeout(() => void tick(), POLL_MS).unref();
  }
}

/** Starts polling for due storage jobs in this process (once; the timer does not keep the process alive). */
export function startStorageWorker(): void {
  if (state.mailroomStorageWorker) return;
  state.mailroomStorageWorker = setTimeout(() => void tick(), POLL_MS).unref();
}
