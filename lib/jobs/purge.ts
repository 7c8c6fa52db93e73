import type { Db } from '@/lib/db/client';

// Finished jobs are history: a mailbox page shows its latest ones, nothing reads old ones. Done jobs
// go after 30 days; failed ones are kept 90 days (someone may still look into them) unless retried.
// Pending and running jobs are never touched. The server's worker calls this about once an hour.

export const DONE_KEEP_DAYS = 30;
export const FAILED_KEEP_DAYS = 90;
const BATCH = 1000;

/** Deletes finished jobs older than their keeping period, in batches; returns how many went. */
export async function purgeFinishedJobs(db: Db, now: Date = new Date()): Promise<number> {
  const day = 86_400_000;
  const doneBefore = new Date(now.getTime() - DONE_KEEP_DAYS * day);
  const failedBefore = new Date(now.getTime() - FAILED_KEEP_DAYS * day);
  let total = 0;
  for (;;) {
    const removed = await db.$executeRaw`
      DELETE FROM mailroom_job
      WHERE (state = 'done' AND modified < ${doneBefore}) OR (state = 'failed' AND modified < ${failedBefore})
      LIMIT ${BATCH}`;
    total += removed;
    if (removed < BATCH) return total;
  }
}
