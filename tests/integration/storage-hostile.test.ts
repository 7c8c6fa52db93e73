import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { chown, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { enqueueJob } from '@/lib/jobs/queue';
import { createMaildirJob, deleteMaildirJob } from '@/lib/jobs/kinds';
import { runDueJobs } from '@/lib/jobs/runner';
import { createMailbox, deleteMailbox } from '@/lib/mailboxes/service';
import { domainAdmin, useMigratedDatabase } from './helpers/app-db';
import { insertDomain, newMailboxForm } from './helpers/mailboxes';
import { sql } from './helpers/mail-fixtures';
import { jobsOf, makeStorageDirs, setStorageSettings, treeSnapshot, VMAIL } from './helpers/storage';

// mailbox.maildir comes from a row anyone with SQL access can write, and the mail base is shared with
// the mail system: a job aimed outside the base, or through a planted symlink, fails with its reason
// and touches nothing outside the base.

const dbUrl = useMigratedDatabase();
const dirs = makeStorageDirs();
const admin = domainAdmin('evil.test', 'fine.test');

/** A mailbox row as a hand-edited database might hold it, with its create job. */
async function hostileMailbox(username: string, maildir: string): Promise<void> {
  const [local, domain] = username.split('@') as [string, string];
  await sql(dbUrl(), "INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, active) VALUES (?, '{PLAIN}x', '', ?, 0, ?, ?, 1)", [username, maildir, local, domain]);
  await getDb().$transaction((tx) => enqueueJob(tx, createMaildirJob(username, domain, maildir)));
}

async function deleteJobFor(username: string, maildir: string): Promise<void> {
  await getDb().$transaction((tx) => enqueueJob(tx, deleteMaildirJob(username, username.split('@')[1]!, maildir)));
}

let outsideBefore: Record<string, string>;

beforeAll(async () => {
  await insertDomain(dbUrl(), 'evil.test');
  await insertDomain(dbUrl(), 'fine.test');
  // something worth protecting outside the base, and a file that must survive
  mkdirSync(path.join(dirs.outside, 'victim', 'cur'), { recursive: true });
  writeFileSync(path.join(dirs.outside, 'victim', 'cur', 'precious'), 'do not touch');
  outsideBefore = await treeSnapshot(path.dirname(dirs.base));
});

beforeEach(async () => {
  await setStorageSettings({ mailBasePath: dirs.base, archivePath: dirs.archive, vmailUid: VMAIL.uid, vmailGid: VMAIL.gid, deletePolicy: 'remove', storageRunsHere: false });
});

/** Runs the due jobs and expects every one to fail for good with `reason`; the outside world is unchanged. */
async function expectRefused(username: string, reason: string): Promise<void> {
  expect(await runDueJobs(getDb())).toMatchObject({ done: 0, retrying: 0 });
  const [job] = (await jobsOf(username)).slice(-1);
  expect(job).toMatchObject({ state: 'failed', attempts: 1 });
  expect(job?.lastError).toMatch(/^Refused: .*; nothing was changed$/);
  expect(job?.lastError).toMatch(reason);
  const now = await treeSnapshot(path.dirname(dirs.base));
  const inside = (p: string) => ['vmail', 'archive'].some((root) => p === root || p.startsWith(`${root}/`));
  const outside = (tree: Record<string, string>) => Object.fromEntries(Object.entries(tree).filter(([p]) => !inside(p)));
  expect(outside(now)).toEqual(outside(outsideBefore));
}

describe('[storage] hostile target paths fail safely', () => {
  it.each([
    ['dotdot@evil.test', '../../etc/', "leaves the mail base ('..' is not allowed)"],
    ['sneaky@evil.test', 'evil.test/../../outside/victim/', "leaves the mail base ('..' is not allowed)"],
    ['absolute@evil.test', `${dirs.outside}/victim/`, 'is an absolute path'],
    ['nul@evil.test', 'evil.test/nu\u0000l/', 'contains a NUL byte'],
    ['empty@evil.test', '', 'the maildir is empty'],
  ])('create job for %s with maildir %j: failed, nothing created', async (username, maildir, reason) => {
    await hostileMailbox(username, maildir);
    await expectRefused(username, reason);
    expect(existsSync(path.join(dirs.base, 'evil.test'))).toBe(false);
  });

  it('a symlink planted at the domain folder (to a folder outside the base) is not followed', async () => {
    symlinkSync(path.join(dirs.outside, 'victim'), path.join(dirs.base, 'evil.test'));
    expect(await createMailbox(admin, newMailboxForm({ domain: 'evil.test', localPart: 'linked' }))).toMatchObject({ ok: true });
    await expectRefused('linked@evil.test', `${path.join(dirs.base, 'evil.test')} is a symbolic link`);
    expect(await readdir(path.join(dirs.outside, 'victim'))).toEqual(['cur']);
    // deleting the mailbox (remove policy) does not reach through it either
    expect(await deleteMailbox(admin, 'linked@evil.test')).toMatchObject({ ok: true });
    await expectRefused('linked@evil.test', 'is a symbolic link');
  });

  it('a symlink planted at the Maildir itself is neither archived nor removed through', async () => {
    await mkdir(path.join(dirs.base, 'fine.test'));
    await chown(path.join(dirs.base, 'fine.test'), VMAIL.uid, VMAIL.gid);
    symlinkSync(path.join(dirs.outside, 'victim'), path.join(dirs.base, 'fine.test', 'bob'));
    await deleteJobFor('bob@fine.test', 'fine.test/bob/');
    await expectRefused('bob@fine.test', `${path.join(dirs.base, 'fine.test', 'bob')} is a symbolic link`);
    await setStorageSettings({ deletePolicy: 'archive' });
    await deleteJobFor('bob@fine.test', 'fine.test/bob/');
    await expectRefused('bob@fine.test', 'is a symbolic link');
    expect(await readdir(dirs.archive)).toEqual([]);
  });

  it('a delete job aimed outside the base removes nothing', async () => {
    await deleteJobFor('victim@fine.test', '../outside/victim/');
    await expectRefused('victim@fine.test', "leaves the mail base ('..' is not allowed)");
    await deleteJobFor('victim2@fine.test', `${dirs.outside}/victim/`);
    await expectRefused('victim2@fine.test', 'is an absolute path');
  });

  it("deleting a mailbox whose maildir holds other mailboxes' Maildirs (a hand-made `domain/`) removes nothing", async () => {
    await setStorageSettings({ storageRunsHere: true });
    expect(await createMailbox(admin, newMailboxForm({ domain: 'fine.test', localPart: 'inner' }))).toMatchObject({ ok: true });
    await setStorageSettings({ storageRunsHere: false });
    await sql(dbUrl(), "INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, active) VALUES ('wide@fine.test', '{PLAIN}x', '', 'fine.test/', 0, 'wide', 'fine.test', 1)");
    expect(await deleteMailbox(admin, 'wide@fine.test')).toMatchObject({ ok: true });
    await expectRefused('wide@fine.test', "fine.test/ holds the Maildir of inner@fine.test (fine.test/inner/)");
    expect((await readdir(path.join(dirs.base, 'fine.test'))).sort()).toEqual(['bob', 'inner']);
    expect((await readdir(path.join(dirs.base, 'fine.test', 'inner'))).sort()).toEqual(['cur', 'new', 'tmp']);
  });

  it('an existing folder not owned by the vmail user is refused, not taken over', async () => {
    await mkdir(path.join(dirs.base, 'fine.test', 'rooted'), { recursive: true }); // owned by root
    expect(await createMailbox(admin, newMailboxForm({ domain: 'fine.test', localPart: 'rooted' }))).toMatchObject({ ok: true });
    await expectRefused('rooted@fine.test', `${path.join(dirs.base, 'fine.test', 'rooted')} is owned by uid 0, not by the vmail user (uid ${VMAIL.uid})`);
    expect(await readdir(path.join(dirs.base, 'fine.test', 'rooted'))).toEqual([]);
  });

  it('a file where a folder should be is refused', async () => {
    writeFileSync(path.join(dirs.base, 'fine.test', 'plain'), 'not a folder');
    await chown(path.join(dirs.base, 'fine.test', 'plain'), VMAIL.uid, VMAIL.gid);
    expect(await createMailbox(admin, newMailboxForm({ domain: 'fine.test', localPart: 'plain' }))).toMatchObject({ ok: true });
    await expectRefused('plain@fine.test', 'exists and is not a directory');
  });
});
