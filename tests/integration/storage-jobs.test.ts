import { existsSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { deleteDomain } from '@/lib/domains/service';
import { claimJobs } from '@/lib/jobs/queue';
import { runDueJobs } from '@/lib/jobs/runner';
import { retryJob } from '@/lib/jobs/service';
import { startStorageWorker, stopStorageWorker } from '@/lib/jobs/worker';
import { createMailbox, deleteMailbox } from '@/lib/mailboxes/service';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { insertDomain, newMailboxForm } from './helpers/mailboxes';
import { jobsOf, makeStorageDirs, makeWaitingJobsDue, ownerAndMode, setStorageSettings, VMAIL } from './helpers/storage';

// Maildirs follow the rows: created after a mailbox is committed, archived or removed after it is
// deleted, retried after a transient failure, each job run exactly once however many runners poll.

const dbUrl = useMigratedDatabase();
const dirs = makeStorageDirs();
const admin = domainAdmin('jobs.test', 'gone.test');
const create = (localPart: string, domain = 'jobs.test') => createMailbox(admin, newMailboxForm({ domain, localPart }));
const maildirPath = (domain: string, local: string) => path.join(dirs.base, domain, local);
const DIR_0700 = { uid: VMAIL.uid, gid: VMAIL.gid, mode: 0o700, type: 'dir' };

beforeAll(async () => {
  await insertDomain(dbUrl(), 'jobs.test');
  await insertDomain(dbUrl(), 'gone.test');
});

beforeEach(async () => {
  await setStorageSettings({ mailBasePath: dirs.base, archivePath: dirs.archive, vmailUid: VMAIL.uid, vmailGid: VMAIL.gid, deletePolicy: 'archive', storageRunsHere: true });
});

describe('[storage] a new mailbox gets its Maildir', () => {
  it('right after the commit, when Mailroom runs on the mail host: cur new tmp, mode 0700, owned by vmail, parents too', async () => {
    expect(await create('alice')).toEqual({ ok: true, message: 'mailbox.created' });
    for (const dir of [path.join(dirs.base, 'jobs.test'), maildirPath('jobs.test', 'alice'), ...['cur', 'new', 'tmp'].map((s) => path.join(maildirPath('jobs.test', 'alice'), s))]) {
      expect(await ownerAndMode(dir), dir).toEqual(DIR_0700);
    }
    expect((await readdir(maildirPath('jobs.test', 'alice'))).sort()).toEqual(['cur', 'new', 'tmp']);
    expect(await jobsOf('alice@jobs.test')).toEqual([expect.objectContaining({ kind: 'maildir.create', state: 'done', attempts: 1, lastError: null })]);
  });

  it('an existing, correct Maildir is success, and its mail is left alone (idempotent)', async () => {
    const dir = maildirPath('jobs.test', 'bob');
    await mkdir(dir, { recursive: true });
    const { chown } = await import('node:fs/promises');
    await chown(path.join(dirs.base, 'jobs.test'), VMAIL.uid, VMAIL.gid);
    await chown(dir, VMAIL.uid, VMAIL.gid);
    await mkdir(path.join(dir, 'cur'));
    await chown(path.join(dir, 'cur'), VMAIL.uid, VMAIL.gid);
    writeFileSync(path.join(dir, 'cur', '1.msg'), 'kept');
    expect(await create('bob')).toMatchObject({ ok: true });
    expect(await jobsOf('bob@jobs.test')).toEqual([expect.objectContaining({ state: 'done' })]);
    expect(await readFile(path.join(dir, 'cur', '1.msg'), 'utf8')).toBe('kept');
    expect(await ownerAndMode(path.join(dir, 'new'))).toEqual(DIR_0700); // the missing ones were added
  });

  it('waits as a pending job when the agent does the storage work, and the next run creates it', async () => {
    await setStorageSettings({ storageRunsHere: false });
    expect(await create('carol')).toMatchObject({ ok: true });
    expect(existsSync(maildirPath('jobs.test', 'carol'))).toBe(false);
    expect(await jobsOf('carol@jobs.test')).toEqual([expect.objectContaining({ kind: 'maildir.create', state: 'pending', attempts: 0 })]);
    expect(await runDueJobs(getDb())).toEqual({ done: 1, retrying: 0, failed: 0 });
    expect(await ownerAndMode(maildirPath('jobs.test', 'carol'))).toEqual(DIR_0700);
  });

  it('a mailbox deleted before its job ran gets no Maildir (the create job does nothing)', async () => {
    await setStorageSettings({ storageRunsHere: false });
    await create('dave');
    expect(await deleteMailbox(admin, 'dave@jobs.test')).toMatchObject({ ok: true });
    expect(await runDueJobs(getDb())).toEqual({ done: 2, retrying: 0, failed: 0 });
    expect(existsSync(maildirPath('jobs.test', 'dave'))).toBe(false);
    expect((await jobsOf('dave@jobs.test')).map((j) => [j.kind, j.state])).toEqual([['maildir.create', 'done'], ['maildir.delete', 'done']]);
  });

  it('a refused or failed change writes no job (no job without its row, no row without its job)', async () => {
    const before = await getDb().mailroomJob.count();
    expect(await create('alice')).toMatchObject({ fieldErrors: { localPart: ['mailbox.errors.exists'] } });
    expect(await createMailbox(domainAdmin('other.test'), newMailboxForm({ domain: 'jobs.test', localPart: 'zed' }))).toEqual({ message: 'errors.notFound' });
    expect(await getDb().mailroomJob.count()).toBe(before);
    const rows = await getDb().mailbox.count({ where: { domain: 'jobs.test' } });
    const created = await getDb().mailroomJob.count({ where: { kind: 'maildir.create', domain: 'jobs.test' } });
    expect(created).toBe(rows + 1); // every mailbox row has its job (dave's row went, its job stayed)
  });
});

describe('[storage] a deleted mailbox', () => {
  it('is archived under the archive path with a timestamped name, mail kept; the emptied domain folder goes', async () => {
    await create('arch', 'gone.test');
    writeFileSync(path.join(maildirPath('gone.test', 'arch'), 'new', '1.msg'), 'archived mail');
    expect(await deleteMailbox(admin, 'arch@gone.test')).toMatchObject({ ok: true });
    expect(existsSync(maildirPath('gone.test', 'arch'))).toBe(false);
    expect(existsSync(path.join(dirs.base, 'gone.test'))).toBe(false);
    const [name, ...more] = await readdir(path.join(dirs.archive, 'gone.test'));
    expect(more).toEqual([]);
    expect(name).toMatch(/^arch-\d{8}T\d{6}Z$/);
    expect(await readFile(path.join(dirs.archive, 'gone.test', name!, 'new', '1.msg'), 'utf8')).toBe('archived mail');
    expect(await ownerAndMode(path.join(dirs.archive, 'gone.test'))).toEqual(DIR_0700);
    expect((await jobsOf('arch@gone.test')).map((j) => j.state)).toEqual(['done', 'done']);
  });

  it('is removed with its mail under the remove policy, leaving nothing behind', async () => {
    await setStorageSettings({ deletePolicy: 'remove' });
    await create('gone');
    await create('stays');
    writeFileSync(path.join(maildirPath('jobs.test', 'gone'), 'new', '1.msg'), 'bye');
    expect(await deleteMailbox(admin, 'gone@jobs.test')).toMatchObject({ ok: true });
    expect(existsSync(maildirPath('jobs.test', 'gone'))).toBe(false);
    expect((await readdir(path.join(dirs.base, 'jobs.test'))).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(existsSync(maildirPath('jobs.test', 'stays'))).toBe(true);
    expect(existsSync(path.join(dirs.archive, 'jobs.test'))).toBe(false);
  });

  it('a missing Maildir is success (already gone)', async () => {
    await create('never');
    await (await import('node:fs/promises')).rm(maildirPath('jobs.test', 'never'), { recursive: true });
    expect(await deleteMailbox(admin, 'never@jobs.test')).toMatchObject({ ok: true });
    expect((await jobsOf('never@jobs.test')).at(-1)).toMatchObject({ kind: 'maildir.delete', state: 'done' });
  });

  it('a Maildir a mailbox row points at again is kept (the address was created anew meanwhile)', async () => {
    await setStorageSettings({ storageRunsHere: false });
    await create('again');
    await runDueJobs(getDb());
    await deleteMailbox(admin, 'again@jobs.test');
    await create('again');
    expect(await runDueJobs(getDb())).toEqual({ done: 2, retrying: 0, failed: 0 });
    expect(await ownerAndMode(maildirPath('jobs.test', 'again'))).toEqual(DIR_0700);
  });
});

describe('[storage] deleting a domain', () => {
  it('archives the Maildir of every one of its mailboxes (one job each) and nothing else', async () => {
    await insertDomain(dbUrl(), 'bulk.test');
    const owner = domainAdmin('bulk.test');
    for (const local of ['a', 'b', 'c']) expect(await createMailbox(owner, newMailboxForm({ domain: 'bulk.test', localPart: local }))).toMatchObject({ ok: true });
    expect((await readdir(path.join(dirs.base, 'bulk.test'))).sort()).toEqual(['a', 'b', 'c']);
    expect(await deleteDomain(superadmin, 'bulk.test', 'bulk.test')).toMatchObject({ ok: true });
    const jobs = await getDb().mailroomJob.findMany({ where: { domain: 'bulk.test', kind: 'maildir.delete' }, select: { target: true, state: true } });
    expect(jobs.map((j) => [j.target, j.state]).sort()).toEqual([['a@bulk.test', 'done'], ['b@bulk.test', 'done'], ['c@bulk.test', 'done']]);
    expect(existsSync(path.join(dirs.base, 'bulk.test'))).toBe(false);
    expect((await readdir(path.join(dirs.archive, 'bulk.test'))).map((n) => n.replace(/-\d{8}T\d{6}Z$/, '')).sort()).toEqual(['a', 'b', 'c']);
    expect(existsSync(path.join(dirs.base, 'jobs.test', 'alice'))).toBe(true);
  });
});

describe('[storage] retries', () => {
  it('a transient failure (mail base missing) is retried with backoff and completes once fixed', async () => {
    const { rename } = await import('node:fs/promises');
    await rename(dirs.base, `${dirs.base}.away`);
    try {
      expect(await create('later')).toMatchObject({ ok: true }); // the mailbox is created; its job waits
      const [job] = await jobsOf('later@jobs.test');
      expect(job).toMatchObject({ state: 'pending', attempts: 1 });
      expect(job?.lastError).toContain(`The mail base path ${dirs.base} does not exist`);
      const [due] = await getDb().$queryRaw<{ wait: number }[]>`SELECT TIMESTAMPDIFF(SECOND, NOW(3), run_after) AS wait FROM mailroom_job WHERE id = ${job!.id}`;
      expect(Number(due?.wait)).toBeGreaterThanOrEqual(25); // the first backoff is 30 s
      expect(await runDueJobs(getDb())).toEqual({ done: 0, retrying: 0, failed: 0 }); // not due yet
    } finally {
      await rename(`${dirs.base}.away`, dirs.base);
    }
    await makeWaitingJobsDue();
    expect(await runDueJobs(getDb())).toEqual({ done: 1, retrying: 0, failed: 0 });
    expect(await jobsOf('later@jobs.test')).toEqual([expect.objectContaining({ state: 'done', attempts: 2, lastError: null })]);
    expect(await ownerAndMode(maildirPath('jobs.test', 'later'))).toEqual(DIR_0700);
  });

  it("on the mail host, Mailroom's own storage worker runs the jobs that fall due later", async () => {
    await setStorageSettings({ storageRunsHere: false });
    await create('worker');
    expect(await jobsOf('worker@jobs.test')).toEqual([expect.objectContaining({ state: 'pending' })]);
    await setStorageSettings({ storageRunsHere: true });
    startStorageWorker(50);
    try {
      const deadline = Date.now() + 10_000;
      while ((await jobsOf('worker@jobs.test'))[0]?.state !== 'done') {
        if (Date.now() > deadline) throw new Error('the worker did not run the job');
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      stopStorageWorker();
    }
    expect(await ownerAndMode(maildirPath('jobs.test', 'worker'))).toEqual(DIR_0700);
  });

  it('the retry button runs a failed job again at once; only admins of its domain may press it', async () => {
    await setStorageSettings({ storageRunsHere: false });
    await create('retry');
    const [job] = await jobsOf('retry@jobs.test');
    await getDb().$executeRaw`UPDATE mailroom_job SET state = 'failed', attempts = 8, last_error = 'Cannot create: disk full' WHERE id = ${job!.id}`;
    expect(await retryJob(domainAdmin('other.test'), job!.id)).toEqual({ message: 'errors.notFound' });
    expect(await retryJob(admin, 999_999n)).toEqual({ message: 'errors.notFound' });
    expect((await jobsOf('retry@jobs.test'))[0]).toMatchObject({ state: 'failed' });
    await setStorageSettings({ storageRunsHere: true });
    expect(await retryJob(admin, job!.id)).toEqual({ ok: true, message: 'storage.jobs.retried' });
    expect((await jobsOf('retry@jobs.test'))[0]).toMatchObject({ state: 'done', attempts: 1, lastError: null });
    expect(await retryJob(admin, job!.id)).toEqual({ message: 'storage.jobs.notRetryable' }); // done stays done
    const log = await getDb().log.findFirst({ where: { domain: 'jobs.test', data: { contains: 'retried' } }, select: { action: true, data: true } });
    expect(log).toEqual({ action: 'edit_mailbox', data: `retry@jobs.test: storage job #${job!.id} (maildir.create) retried` });
  });
});

describe('[storage] runners share the queue', () => {
  it('three runners at once run each of 30 jobs exactly once', async () => {
    await setStorageSettings({ storageRunsHere: false });
    await insertDomain(dbUrl(), 'many.test');
    const owner = domainAdmin('many.test');
    for (let i = 0; i < 30; i++) await createMailbox(owner, newMailboxForm({ domain: 'many.test', localPart: `m${i}` }));
    const results = await Promise.all([0, 1, 2].map(() => runDueJobs(getDb())));
    expect(results.reduce((n, r) => n + r.done, 0)).toBe(30);
    const jobs = await getDb().mailroomJob.findMany({ where: { domain: 'many.test' }, select: { state: true, attempts: true } });
    expect(jobs).toHaveLength(30);
    expect(jobs.every((j) => j.state === 'done' && j.attempts === 1)).toBe(true);
    expect(await readdir(path.join(dirs.base, 'many.test'))).toHaveLength(30);
  });

  it('a job left running by a crashed runner is taken again once its lease ends', async () => {
    await setStorageSettings({ storageRunsHere: false });
    await create('crash');
    const [claimed] = await claimJobs(getDb(), {}, 10);
    expect(claimed).toMatchObject({ target: 'crash@jobs.test', attempts: 1 });
    expect(await runDueJobs(getDb())).toEqual({ done: 0, retrying: 0, failed: 0 }); // held by the lease
    await getDb().$executeRaw`UPDATE mailroom_job SET run_after = NOW(3) - INTERVAL 1 SECOND WHERE id = ${claimed!.id}`;
    expect(await runDueJobs(getDb())).toEqual({ done: 1, retrying: 0, failed: 0 });
    expect(await jobsOf('crash@jobs.test')).toEqual([expect.objectContaining({ state: 'done', attempts: 2 })]);
  });

  it('a runner told to stop gives back the jobs it claimed but did not start', async () => {
    await setStorageSettings({ storageRunsHere: false });
    await create('stop1');
    await create('stop2');
    let seen = 0;
    const summary = await runDueJobs(getDb(), {}, { shouldStop: () => seen > 0, onResult: () => seen++ });
    expect(summary).toEqual({ done: 1, retrying: 0, failed: 0 });
    expect(await jobsOf('stop2@jobs.test')).toEqual([expect.objectContaining({ state: 'pending', attempts: 0 })]);
    expect(await runDueJobs(getDb())).toEqual({ done: 1, retrying: 0, failed: 0 });
  });
});
