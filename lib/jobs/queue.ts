import type { Db, Tx } from '@/lib/db/client';
import { Prisma } from '@/lib/generated/prisma/client';
import type { NewJob } from './kinds';
import { LEASE_SECONDS, nextState, type JobOutcome } from './schedule';

// The outbox table, mailroom_job. Jobs are written inside the caller's transaction (so a row change
// and its storage work commit together or not at all) and claimed with SELECT ... FOR UPDATE SKIP
// LOCKED, so any number of runners (Mailroom, the agent) share them without running one twice.
// Times are the database's (NOW(3)), so hosts with different clocks agree on what is due.
// A mailbox's Cyrus jobs run in the order they were written: one waits while an older Cyrus job of
// the same mailbox is pending or running (so a delete never overtakes the create before it, nor a
// create for the same address written after it). A failed job holds nothing up.

const MAX_ERROR_LENGTH = 2000;
const CREATE_MANY_CHUNK = 1000;

/** Writes one job in the caller's transaction; returns its id. */
export async function enqueueJob(tx: Tx, job: NewJob): Promise<bigint> {
  const row = await tx.mailroomJob.create({ data: { kind: job.kind, target: job.target, domain: job.domain, payload: JSON.stringify(job.payload) }, select: { id: true } });
  return row.id;
}

/** Writes many jobs in the caller's transaction (a domain's mailboxes), in chunks. */
export async function enqueueJobs(tx: Tx, jobs: readonly NewJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += CREATE_MANY_CHUNK) {
    const data = jobs.slice(i, i + CREATE_MANY_CHUNK).map((j) => ({ kind: j.kind, target: j.target, domain: j.domain, payload: JSON.stringify(j.payload) }));
    await tx.mailroomJob.createMany({ data });
  }
}

/** Which due jobs a runner takes: all, some by id (just written), a domain's or a mailbox's, of some kinds. */
export interface JobFilter {
  ids?: readonly bigint[];
  domain?: string;
  /** a mailbox username */
  target?: string;
  kinds?: readonly string[];
}

export interface ClaimedJob {
  id: bigint;
  kind: string;
  target: string;
  domain: string;
  payload: string;
  /** this attempt's number (1 = first) */
  attempts: number;
  created: Date;
}

function filterSql(filter: JobFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filter.ids) parts.push(filter.ids.length ? Prisma.sql`AND id IN (${Prisma.join(filter.ids)})` : Prisma.sql`AND FALSE`);
  if (filter.domain !== undefined) parts.push(Prisma.sql`AND domain = ${filter.domain}`);
  if (filter.target !== undefined) parts.push(Prisma.sql`AND target = ${filter.target}`);
  if (filter.kinds) parts.push(filter.kinds.length ? Prisma.sql`AND kind IN (${Prisma.join(filter.kinds)})` : Prisma.sql`AND FALSE`);
  return parts.length ? Prisma.join(parts, ' ') : Prisma.empty;
}

/**
 * Claims up to `limit` due jobs (pending and due, or running past their lease: a runner died) in
 * order, marks them running for a lease and counts the attempt. Rows another runner holds are skipped,
 * and so is a Cyrus job while an older Cyrus job of its mailbox is unfinished.
 */
export async function claimJobs(db: Db, filter: JobFilter, limit: number): Promise<ClaimedJob[]> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: bigint }[]>`
      SELECT id FROM mailroom_job j
      WHERE state IN ('pending', 'running') AND run_after <= NOW(3) ${filterSql(filter)}
        AND NOT (kind LIKE 'cyrus.%' AND EXISTS (
          SELECT 1 FROM mailroom_job o
          WHERE o.target = j.target AND o.id < j.id AND o.kind LIKE 'cyrus.%' AND o.state IN ('pending', 'running')))
      ORDER BY run_after, id LIMIT ${limit}
      FOR UPDATE SKIP LOCKED`;
    if (rows.length === 0) return [];
    const ids = rows.map((r) => BigInt(r.id));
    await tx.$executeRaw`
      UPDATE mailroom_job SET state = 'running', attempts = attempts + 1, run_after = NOW(3) + INTERVAL ${LEASE_SECONDS} SECOND, modified = NOW(3)
      WHERE id IN (${Prisma.join(ids)})`;
    return tx.mailroomJob.findMany({
      where: { id: { in: ids } },
      select: { id: true, kind: true, target: true, domain: true, payload: true, attempts: true, created: true },
      orderBy: { id: 'asc' },
    });
  });
}

/**
 * Records an attempt's outcome: done; pending again after a backoff (the error kept); or failed with its
 * reason. Only while this claim still holds the job (same attempt, still running). Returns the new state.
 */
export async function finishJob(db: Db, job: ClaimedJob, outcome: JobOutcome): Promise<'done' | 'pending' | 'failed'> {
  const next = nextState(outcome, job.attempts);
  const still = Prisma.sql`WHERE id = ${job.id} AND state = 'running' AND attempts = ${job.attempts}`;
  if (next.state === 'done') {
    await db.$executeRaw`UPDATE mailroom_job SET state = 'done', last_error = NULL, run_after = NOW(3), modified = NOW(3) ${still}`;
  } else if (next.state === 'failed') {
    await db.$executeRaw`UPDATE mailroom_job SET state = 'failed', last_error = ${next.error.slice(0, MAX_ERROR_LENGTH)}, run_after = NOW(3), modified = NOW(3) ${still}`;
  } else {
    await db.$executeRaw`
      UPDATE mailroom_job SET state = 'pending', last_error = ${next.error.slice(0, MAX_ERROR_LENGTH)},
        run_after = NOW(3) + INTERVAL ${next.delaySeconds} SECOND, modified = NOW(3) ${still}`;
  }
  return next.state;
}

/** Gives back claimed jobs that were not run (the runner is stopping): due again at once, attempt not counted. */
export async function releaseJobs(db: Db, jobs: readonly ClaimedJob[]): Promise<void> {
  for (const job of jobs) {
    await db.$executeRaw`
      UPDATE mailroom_job SET state = 'pending', attempts = attempts - 1, run_after = NOW(3), modified = NOW(3)
      WHERE id = ${job.id} AND state = 'running' AND attempts = ${job.attempts}`;
  }
}

/**
 * Makes a failed (or waiting) job due again at once, with a fresh series of attempts. Returns false
 * when it is not retryable (done, running, or gone).
 */
export async function requeueJob(tx: Tx, id: bigint): Promise<boolean> {
  const count = await tx.$executeRaw`
    UPDATE mailroom_job SET state = 'pending', attempts = 0, run_after = NOW(3), modified = NOW(3)
    WHERE id = ${id} AND state IN ('failed', 'pending')`;
  return count > 0;
}
