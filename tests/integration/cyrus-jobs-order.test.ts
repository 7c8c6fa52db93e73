import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { runDueJobs } from '@/lib/jobs/runner';
import { retryJob } from '@/lib/jobs/service';
import { findCyrusQuotaUsage, getCyrusPageData } from '@/lib/mail/cyrus/queries';
import { reconcileCyrus } from '@/lib/mail/cyrus/reconcile';
import { adoptOrphansOnCyrus, createMissingOnCyrus } from '@/lib/mail/cyrus/service';
import { getCyrusConnection } from '@/lib/mail/cyrus/settings';
import { createMailbox, deleteMailbox } from '@/lib/mailboxes/service';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { useCyrus } from './helpers/cyrus';
import { closedPort, connectMailroomToCyrus, cyrusMailboxesOf, cyrusUsage, deliverToCyrus, insertCyrusDomain, subscriptionsOf } from './helpers/cyrus-jobs';
import { newMailboxForm } from './helpers/mailboxes';
import { jobsOf, makeWaitingJobsDue } from './helpers/storage';

// A mailbox's Cyrus jobs run in the order they were written, and each one checks what came after it:
// a delete after a pending create leaves nothing, a mailbox deleted and created again while Cyrus was
// unreachable comes back fresh (its old mail gone), and a late job never undoes a newer state. The
// Cyrus page's fixes and the jobs agree. "Unreachable" here is Mailroom pointed at a closed port.

const dbUrl = useMigratedDatabase();
useCyrus();
const admin = domainAdmin('co.test');
const create = (localPart: string, quota = '10') => createMailbox(admin, newMailboxForm({ domain: 'co.test', localPart, quota }));
const states = async (username: string) => (await jobsOf(username)).map((j) => [j.kind, j.state, j.attempts]);
const cyrusUnreachable = async () => connectMailroomToCyrus({ port: await closedPort() });

/** Runs every due job (as time has passed), in the runner's order: "kind target state" per job. */
async function runEverythingDue(): Promise<string[]> {
  await makeWaitingJobsDue();
  const order: string[] = [];
  await runDueJobs(getDb(), {}, { onResult: (r) => order.push(`${r.job.kind} ${r.job.target} ${r.state}`) });
  return order;
}

beforeAll(async () => {
  await insertCyrusDomain(dbUrl(), 'co.test');
  await connectMailroomToCyrus();
});

describe('[cyrus-jobs] order of a mailbox jobs', () => {
  it('a delete written after a pending create waits for it, and no Cyrus mailbox is left', async () => {
    await cyrusUnreachable();
    expect(await create('ghost')).toMatchObject({ ok: true });
    expect(await deleteMailbox(admin, 'ghost@co.test')).toMatchObject({ ok: true });
    // the delete was not even tried: the create before it is still pending
    expect(await states('ghost@co.test')).toEqual([['cyrus.create', 'pending', 1], ['cyrus.delete', 'pending', 0]]);
    await connectMailroomToCyrus();
    expect(await runEverythingDue()).toEqual(['cyrus.create ghost@co.test done', 'cyrus.delete ghost@co.test done']);
    expect(await cyrusMailboxesOf('ghost@co.test')).toEqual([]);
  });

  it('deleted and created again while Cyrus was unreachable: the new mailbox is fresh on Cyrus, old mail gone', async () => {
    expect(await create('reuse')).toMatchObject({ ok: true });
    await deliverToCyrus('reuse@co.test', 60_000);
    expect((await cyrusUsage('reuse@co.test'))?.usedKib).toBeGreaterThan(50);
    await cyrusUnreachable();
    expect(await deleteMailbox(admin, 'reuse@co.test')).toMatchObject({ ok: true });
    expect(await create('reuse', '20')).toMatchObject({ ok: true });
    expect(await runEverythingDue()).toEqual(['cyrus.delete reuse@co.test pending']); // the new create waits behind it
    expect(await states('reuse@co.test')).toEqual([['cyrus.create', 'done', 1], ['cyrus.delete', 'pending', 2], ['cyrus.create', 'pending', 0]]);

    await connectMailroomToCyrus();
    expect(await runEverythingDue()).toEqual(['cyrus.delete reuse@co.test done', 'cyrus.create reuse@co.test done']);
    expect(await cyrusUsage('reuse@co.test')).toEqual({ usedKib: 0, limitKib: 20 * 1024 });
    expect(await subscriptionsOf('reuse@co.test')).toEqual(['INBOX', 'Sent', 'Trash']);
  });

  it('a delete that failed for good and is retried after the address was created again keeps the new mailbox', async () => {
    expect(await create('late')).toMatchObject({ ok: true });
    await connectMailroomToCyrus({ adminPassword: 'not the admin password' });
    expect(await deleteMailbox(admin, 'late@co.test')).toMatchObject({ ok: true });
    await connectMailroomToCyrus();
    expect(await create('late')).toMatchObject({ ok: true }); // a failed job holds nothing up
    const jobs = await jobsOf('late@co.test');
    expect(jobs.map((j) => [j.kind, j.state])).toEqual([['cyrus.create', 'done'], ['cyrus.delete', 'failed'], ['cyrus.create', 'done']]);
    expect(await retryJob(admin, jobs[1]!.id)).toMatchObject({ ok: true });
    expect((await jobsOf('late@co.test'))[1]).toMatchObject({ state: 'done', lastError: null });
    expect(await cyrusMailboxesOf('late@co.test')).toContain('user/late@co.test');
  });
});

describe('[cyrus-jobs] the Cyrus page and the jobs', () => {
  it('a mailbox adopted on the Cyrus page before its delete job ran is kept by that job', async () => {
    expect(await create('adopt')).toMatchObject({ ok: true });
    await cyrusUnreachable();
    expect(await deleteMailbox(admin, 'adopt@co.test')).toMatchObject({ ok: true });
    await connectMailroomToCyrus();
    expect(await adoptOrphansOnCyrus(superadmin)).toMatchObject({ ok: true, done: ['adopt@co.test'] });
    expect(await runEverythingDue()).toEqual(['cyrus.delete adopt@co.test done']);
    expect(await cyrusMailboxesOf('adopt@co.test')).toContain('user/adopt@co.test');
    expect((await reconcileCyrus(getDb(), await getCyrusConnection(getDb()))).orphansOnCyrus).toEqual([]);
  });

  it("'Create missing on Cyrus' creates a mailbox whose job is pending; the job then finds it made", async () => {
    await cyrusUnreachable();
    expect(await create('fixme')).toMatchObject({ ok: true });
    expect(await findCyrusQuotaUsage(admin, 'co.test', ['fixme@co.test'])).toMatchObject({ problem: 'cyrus.errors.unavailable', creating: new Map([['fixme@co.test', 'pending']]) });
    await connectMailroomToCyrus();
    expect((await reconcileCyrus(getDb(), await getCyrusConnection(getDb()))).missingOnCyrus.map((m) => m.username)).toEqual(['fixme@co.test']);
    // the Cyrus page says the missing mailbox only waits for its job
    expect((await getCyrusPageData(superadmin))?.creating).toEqual(new Map([['fixme@co.test', 'pending']]));
    expect(await createMissingOnCyrus(superadmin)).toMatchObject({ ok: true, done: ['fixme@co.test'] });
    const made = await cyrusMailboxesOf('fixme@co.test');
    const texts: string[] = [];
    await makeWaitingJobsDue();
    await runDueJobs(getDb(), {}, { onResult: (r) => texts.push(r.text) });
    expect(texts).toEqual(['user/fixme@co.test was already there; quota 10240 KiB, subscriptions set']);
    expect(await cyrusMailboxesOf('fixme@co.test')).toEqual(made);
    expect(await findCyrusQuotaUsage(admin, 'co.test', ['fixme@co.test'])).toMatchObject({ problem: null, creating: new Map() });
  });
});
