import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { runDueJobs } from '@/lib/jobs/runner';
import { createMailbox, deleteMailbox, updateMailbox } from '@/lib/mailboxes/service';
import { domainAdmin, useMigratedDatabase } from './helpers/app-db';
import { CYRUS, listAllMailboxes, restartCyrus, stopCyrus, useCyrus } from './helpers/cyrus';
import { connectMailroomToCyrus, cyrusMailboxesOf, cyrusUsage, insertCyrusDomain, subscriptionsOf } from './helpers/cyrus-jobs';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy';
import { editMailboxForm, newMailboxForm } from './helpers/mailboxes';
import { jobsOf, makeWaitingJobsDue } from './helpers/storage';

// Issue #5 with the real daemon: Cyrus stopped before or in the middle of the work leaves a pending
// job and no half-made account (the mailbox row, its alias and its job are committed together; the
// Cyrus side is made by the job), and the job completes the mailbox once Cyrus is back.

const dbUrl = useMigratedDatabase();
useCyrus();
const admin = domainAdmin('cf.test');
const MIB = 1024;

let proxy: FaultProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
  await connectMailroomToCyrus();
});

beforeAll(async () => {
  await insertCyrusDomain(dbUrl(), 'cf.test');
  await connectMailroomToCyrus();
});

/** Waits until no job of `username` is running (a job started after the commit may outlast the request). */
async function settled(username: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await jobsOf(username)).some((j) => j.state === 'running')) {
    if (Date.now() > deadline) throw new Error(`jobs of ${username} still running`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function runEverythingDue() {
  await makeWaitingJobsDue();
  return runDueJobs(getDb());
}

describe('[cyrus-jobs] Cyrus stopped', () => {
  it('creation, quota change and deletion wait as pending jobs, nothing half-made; once Cyrus is back they complete', async () => {
    expect(await createMailbox(admin, newMailboxForm({ domain: 'cf.test', localPart: 'leaving' }))).toMatchObject({ ok: true });
    expect(await cyrusMailboxesOf('leaving@cf.test')).toEqual(['user/leaving/Sent@cf.test', 'user/leaving/Trash@cf.test', 'user/leaving@cf.test']);
    await stopCyrus();
    try {
      const before = Date.now();
      expect(await createMailbox(admin, newMailboxForm({ domain: 'cf.test', localPart: 'down', quota: '10' }))).toEqual({ ok: true, message: 'mailbox.created' });
      expect(await updateMailbox(admin, editMailboxForm({ address: 'down@cf.test', quota: '15' }))).toEqual({ ok: true, message: 'mailbox.saved' });
      expect(await deleteMailbox(admin, 'leaving@cf.test')).toEqual({ ok: true, message: 'mailbox.deleted' });

      // the database side is whole: the row and its alias, committed with the job
      expect(await getDb().mailbox.findUnique({ where: { username: 'down@cf.test' }, select: { quota: true, active: true } })).toEqual({ quota: 15n * 1_048_576n, active: true });
      expect(await getDb().alias.findUnique({ where: { address: 'down@cf.test' }, select: { goto: true } })).toEqual({ goto: 'down@cf.test' });
      const [createJob, quotaJob] = await getDb().mailroomJob.findMany({ where: { target: 'down@cf.test' }, orderBy: { id: 'asc' }, select: { kind: true, state: true, attempts: true, lastError: true, runAfter: true } });
      expect(createJob).toMatchObject({ kind: 'cyrus.create', state: 'pending', attempts: 1, lastError: expect.stringMatching(/^Cyrus at 127\.0\.0\.1:\d+ is unreachable: ECONNREFUSED$/) });
      expect(createJob!.runAfter.getTime()).toBeGreaterThan(before + 20_000); // the next attempt after a backoff (30 s)
      expect(quotaJob).toMatchObject({ kind: 'cyrus.quota', state: 'pending', attempts: 0, lastError: null }); // waits behind the create
      expect((await jobsOf('leaving@cf.test')).map((j) => [j.kind, j.state, j.attempts])).toEqual([['cyrus.create', 'done', 1], ['cyrus.delete', 'pending', 1]]);
    } finally {
      await restartCyrus();
    }
    expect(await cyrusMailboxesOf('down@cf.test')).toEqual([]);
    expect(await cyrusMailboxesOf('leaving@cf.test')).toHaveLength(3); // nothing was deleted while down

    expect(await runEverythingDue()).toEqual({ done: 3, retrying: 0, failed: 0 });
    expect(await cyrusMailboxesOf('down@cf.test')).toEqual(['user/down/Sent@cf.test', 'user/down/Trash@cf.test', 'user/down@cf.test']);
    expect(await cyrusUsage('down@cf.test')).toEqual({ usedKib: 0, limitKib: 15 * MIB }); // the quota of now, not of the creation
    expect(await subscriptionsOf('down@cf.test')).toEqual(['INBOX', 'Sent', 'Trash']);
    expect(await cyrusMailboxesOf('leaving@cf.test')).toEqual([]);
  });
});

describe('[cyrus-jobs] Cyrus stopped in the middle of a job', () => {
  it.each([
    ['after CREATE, at SETQUOTA', / SETQUOTA /, 'mid1', ['user/mid1@cf.test']],
    ['after the folders, at the subscriptions', / AUTHENTICATE /, 'mid2', ['user/mid2/Sent@cf.test', 'user/mid2/Trash@cf.test', 'user/mid2@cf.test']],
  ])('%s: the job is retried and the re-run completes the mailbox', async (_point, command, localPart, leftOnCyrus) => {
    const username = `${localPart}@cf.test`;
    proxy = await startFaultProxy({ host: CYRUS.host, port: CYRUS.port }, command, stopCyrus);
    await connectMailroomToCyrus({ port: proxy.port });
    expect(await createMailbox(admin, newMailboxForm({ domain: 'cf.test', localPart, quota: '5' }))).toMatchObject({ ok: true });
    await settled(username);
    expect(proxy.fired()).toBe(1);
    await restartCyrus();
    expect(await jobsOf(username)).toEqual([expect.objectContaining({ kind: 'cyrus.create', state: 'pending', attempts: 1, lastError: expect.stringMatching(/^Cyrus at 127\.0\.0\.1:\d+ (closed the connection|failed)/) })]);
    expect((await listAllMailboxes()).filter((n) => n.includes(localPart))).toEqual(leftOnCyrus); // half-made on Cyrus
    expect(await subscriptionsOf(username)).toEqual([]);

    await connectMailroomToCyrus();
    expect(await runEverythingDue()).toEqual({ done: 1, retrying: 0, failed: 0 });
    expect(await jobsOf(username)).toEqual([expect.objectContaining({ state: 'done', attempts: 2, lastError: null })]);
    expect(await cyrusUsage(username)).toEqual({ usedKib: 0, limitKib: 5 * MIB });
    expect(await subscriptionsOf(username)).toEqual(['INBOX', 'Sent', 'Trash']);
  });
});
