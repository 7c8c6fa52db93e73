import { getEnv } from '@/lib/env';
import { startStorageWorker } from '@/lib/jobs/worker';

// At server start: a missing or malformed configuration stops start-up with a message saying what to
// set, instead of failing on the first request. Then, on the mail host (the storageRunsHere setting),
// the storage worker runs the storage jobs that fall due later (retries, jobs left by a stopped process).
try {
  getEnv();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
startStorageWorker();
