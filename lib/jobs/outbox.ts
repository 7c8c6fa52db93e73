import type { Tx } from '@/lib/db/client';
import { runJobsAfterCommit } from './dispatch';
import type { NewJob } from './kinds';
import { enqueueJob, enqueueJobs } from './queue';

/**
 * The storage work of one change: `add` writes jobs inside the change's transaction; `dispatch`, called
 * after the commit, runs them here when this host does the storage work. Jobs of a transaction that
 * rolled back are gone with it, so dispatching them does nothing.
 */
export class StorageOutbox {
  private readonly ids: bigint[] = [];
  private readonly domains = new Set<string>();

  /** One job, in the caller's transaction. */
  async add(tx: Tx, job: NewJob): Promise<void> {
    this.ids.push(await enqueueJob(tx, job));
  }

  /** A domain's many jobs at once, in the caller's transaction. */
  async addForDomain(tx: Tx, domain: string, jobs: readonly NewJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await enqueueJobs(tx, jobs);
    this.domains.add(domain);
  }

  /** After the commit: runs the jobs now if this Mailroom is the mail host; never throws. */
  async dispatch(): Promise<void> {
    if (this.ids.length) await runJobsAfterCommit({ ids: this.ids });
    for (const domain of this.domains) await runJobsAfterCommit({ domain });
  }
}
