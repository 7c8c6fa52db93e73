import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { deleteDomain } from '@/lib/domains/service';
import { retryJob } from '@/lib/jobs/service';
import { findCyrusQuotaUsage } from '@/lib/mail/cyrus/queries';
import { saveCyrusSettings } from '@/lib/mail/cyrus/settings';
import { createMailbox, deleteMailbox, updateMailbox } from '@/lib/mailboxes/service';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';
import { CYRUS_ADMIN_PASSWORD, useCyrus } from './helpers/cyrus';
import { connectMailroomToCyrus, cyrusMailboxesOf, cyrusUsage, insertCyrusDomain, runAgentOnce, subscriptionsOf } from './helpers/cyrus-jobs';
import { withSql } from './helpers/database';
import { editMailboxForm, insertDomain, newMailboxForm } from './helpers/mailboxes';
import { jobsOf } from './helpers/storage';

// A Cyrus-backed domain through the normal mailbox services: each change writes its cyrus.* job in
// its own transaction, and Mailroom runs it right after the commit (whatever storageRunsHere says:
// it reaches Cyrus over IMAP), or the agent does.

const dbUrl = useMigratedDatabase();
useCyrus();
const admin = domainAdmin('cj.test', 'un_der.test');
const create = (localPart: string, quota = '10', domain = 'cj.test') => createMailbox(admin, newMailboxForm({ domain, localPart, quota }));
const states = async (username: string) => (await jobsOf(username)).map((j) => [j.kind, j.state, j.attempts, j.lastError]);

beforeAll(async () => {
  await insertCyrusDomain(dbUrl(), 'cj.test');
  await insertDomain(dbUrl(), 'md.test');
  await connectMailroomToCyrus();
});

describe('[cyrus-jobs] a mailbox of a Cyrus-backed domain', () => {
  it('is created on Cyrus right after the commit: INBOX, quota in KiB, the domain folders subscribed', async () => {
    expect(await create('alice')).toEqual({ ok: true, message: 'mailbox.created' });
    expect(await states('alice@cj.test')).toEqual([['cyrus.create', 'done', 1, null]]);
    expect(await cyrusMailboxesOf('alice@cj.test')).toEqual(['user/alice/Sent@cj.test', 'user/alice/Trash@cj.test', 'user/alice@cj.test']);
    expect(await cyrusUsage('alice@cj.test')).toEqual({ usedKib: 0, limitKib: 10 * 1024 });
    expect(await subscriptionsOf('alice@cj.test')).toEqual(['INBOX', 'Sent', 'Trash']);
  });

  it('of a Maildir domain still gets its Maildir job (left to the mail host here), and nothing on Cyrus', async () => {
    expect(await createMailbox(superadmin, newMailboxForm({ domain: 'md.test', localPart: 'alice' }))).toMatchObject({ ok: true });
    expect(await states('alice@md.test')).toEqual([['maildir.create', 'pending', 0, null]]);
    expect(await cyrusMailboxesOf('alice@md.test')).toEqual([]);
  });

  it('gets its changed quota on Cyrus through a cyrus.quota job; a change of name alone writes no job', async () => {
    expect(await updateMailbox(admin, editMailboxForm({ address: 'alice@cj.test', quota: '20' }))).toEqual({ ok: true, message: 'mailbox.saved' });
    expect(await cyrusUsage('alice@cj.test')).toEqual({ usedKib: 0, limitKib: 20 * 1024 });
    expect(await updateMailbox(admin, editMailboxForm({ address: 'alice@cj.test', quota: '20', name: 'Alice' }))).toMatchObject({ ok: true });
    expect(await updateMailbox(admin, editMailboxForm({ address: 'alice@cj.test', quota: '0', name: 'Alice' }))).toMatchObject({ ok: true });
    expect(await cyrusUsage('alice@cj.test')).toEqual({ usedKib: null, limitKib: null }); // 0 = the limit removed
    expect(await states('alice@cj.test')).toEqual([['cyrus.create', 'done', 1, null], ['cyrus.quota', 'done', 1, null], ['cyrus.quota', 'done', 1, null]]);
  });

  it('is deleted on Cyrus with its folders and mail through a cyrus.delete job', async () => {
    expect(await deleteMailbox(admin, 'alice@cj.test')).toEqual({ ok: true, message: 'mailbox.deleted' });
    expect(await cyrusMailboxesOf('alice@cj.test')).toEqual([]);
    expect((await states('alice@cj.test')).at(-1)).toEqual(['cyrus.delete', 'done', 1, null]);
  });

  it('a refused creation writes no job and makes nothing on Cyrus, an address Cyrus cannot hold included', async () => {
    expect(await create('dup')).toMatchObject({ ok: true });
    const jobs = await getDb().mailroomJob.count();
    expect(await create('dup')).toEqual({ fieldErrors: { localPart: ['mailbox.errors.exists'] } });
    // a domain name Mailroom would not create (an older tool's row), stored on Cyrus: Cyrus refuses '_'
    await insertCyrusDomain(dbUrl(), 'un_der.test');
    expect(await create('bob', '10', 'un_der.test')).toEqual({ fieldErrors: { localPart: ['mailbox.errors.cyrusName'] } });
    expect(await getDb().mailbox.count({ where: { domain: 'un_der.test' } })).toBe(0);
    expect(await getDb().mailroomJob.count()).toBe(jobs);
  });

  it('a domain deleted with its mailboxes writes a cyrus.delete per mailbox; all are gone from Cyrus', async () => {
    await insertCyrusDomain(dbUrl(), 'gone-cy.test', []);
    for (const local of ['one', 'two']) expect(await createMailbox(superadmin, newMailboxForm({ domain: 'gone-cy.test', localPart: local }))).toMatchObject({ ok: true });
    expect(await cyrusMailboxesOf('one@gone-cy.test')).toEqual(['user/one@gone-cy.test']);
    expect(await deleteDomain(superadmin, 'gone-cy.test', 'gone-cy.test')).toMatchObject({ ok: true });
    for (const username of ['one@gone-cy.test', 'two@gone-cy.test']) {
      expect(await states(username)).toEqual([['cyrus.create', 'done', 1, null], ['cyrus.delete', 'done', 1, null]]);
      expect(await cyrusMailboxesOf(username)).toEqual([]);
    }
  });
});

describe('[cyrus-jobs] failures, retries and the agent', () => {
  it('fails for good when Cyrus refuses the admin login (no password in the message); the retry button completes it', async () => {
    const wrong = `wrong "pw" ${CYRUS_ADMIN_PASSWORD}`;
    await connectMailroomToCyrus({ adminPassword: wrong });
    expect(await create('carol')).toMatchObject({ ok: true });
    const [job] = await jobsOf('carol@cj.test');
    expect(job).toMatchObject({ kind: 'cyrus.create', state: 'failed', attempts: 1 });
    expect(job?.lastError).toMatch(/^Cyrus refused the login of "cyrus"/);
    expect(job?.lastError).not.toContain('pw');
    expect(job?.lastError).not.toContain(CYRUS_ADMIN_PASSWORD);
    expect(await cyrusMailboxesOf('carol@cj.test')).toEqual([]);

    await connectMailroomToCyrus();
    expect(await retryJob(domainAdmin('md.test'), job!.id)).toEqual({ message: 'errors.notFound' }); // a foreign domain's job
    expect(await retryJob(admin, job!.id)).toEqual({ ok: true, message: 'storage.jobs.retried' });
    expect(await states('carol@cj.test')).toEqual([['cyrus.create', 'done', 1, null]]);
    expect(await cyrusMailboxesOf('carol@cj.test')).toEqual(['user/carol/Sent@cj.test', 'user/carol/Trash@cj.test', 'user/carol@cj.test']);
  });

  it('fails for good while Cyrus is not configured, saying so', async () => {
    await withSql(dbUrl(), (c) => c.query("DELETE FROM mailroom_setting WHERE name = 'cyrusAdminPassword'"));
    expect(await create('dora')).toMatchObject({ ok: true });
    expect(await states('dora@cj.test')).toEqual([['cyrus.create', 'failed', 1, expect.stringMatching(/^Cyrus is not configured/)]]);
    // the mailbox list says why the mailbox has no quota bar
    expect(await findCyrusQuotaUsage(admin, 'cj.test', ['dora@cj.test'])).toMatchObject({ problem: 'cyrus.errors.notConfigured', creating: new Map([['dora@cj.test', 'failed']]) });
    await connectMailroomToCyrus();
  });

  it('`agent --once` runs the Cyrus jobs as well', async () => {
    // Cyrus unreachable when the mailbox is created: its job waits for the next run, here the agent's
    await saveCyrusSettings(getDb(), { host: '127.0.0.1', port: 1, tls: false, adminUser: 'cyrus', quotaWarnPercent: 90 });
    expect(await create('erin')).toMatchObject({ ok: true });
    expect(await states('erin@cj.test')).toEqual([['cyrus.create', 'pending', 1, expect.stringMatching(/unreachable: ECONNREFUSED/)]]);
    await connectMailroomToCyrus();
    await withSql(dbUrl(), (c) => c.query("UPDATE mailroom_job SET run_after = NOW(3) WHERE state = 'pending'"));
    const output = await runAgentOnce(dbUrl());
    expect(output).toMatch(/#\d+ cyrus\.create erin@cj\.test: done \(user\/erin@cj\.test created, folders Sent, Trash created; quota 10240 KiB, subscriptions set\)/);
    expect(await states('erin@cj.test')).toEqual([['cyrus.create', 'done', 2, null]]);
    expect(await subscriptionsOf('erin@cj.test')).toEqual(['INBOX', 'Sent', 'Trash']);
  });
});
