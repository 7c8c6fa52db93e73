import { expect, test, type Page } from '@playwright/test';
import { generateVacationScript, VACATION_SCRIPT, WRAPPER_SCRIPT } from '../lib/mail/sieve/vacation-script';
import { formatDay, parseDay, vacationWindow } from '../lib/vacation/rules';
import { caughtWithSubject, headerOf, startSmtpSink, type RunningSmtpSink } from '../tests/integration/helpers/smtp-sink';
import { countInInbox, createThroughForm, CYRUS_ADMIN_PASSWORD, CYRUS_IMAP_PORT, CYRUS_SIEVE_PORT, createOnCyrus, cyrusMailboxes, cyrusQuota, cyrusSieve, deleteThroughForm, deliverToCyrus, startCyrus, stopCyrus, switchOwnReplyOff, switchOwnReplyOn, vacationRecordTimes } from './cyrus';
import { logIn, seedDomain, seedDomainAdmin, seedMailbox, sql } from './fixtures';

// A Cyrus-backed domain end to end, against a real Cyrus IMAP (scripts/cyrus, started here): the
// superadmin connects Mailroom to Cyrus (write-only admin password) and stores a domain on Cyrus;
// then mailboxes go through the normal mailbox forms and their Cyrus jobs, which Mailroom runs right
// after each change: created (the page says the job is done), quota bar, quota changed, a job that
// waits while Cyrus is down and is retried from the page, deleted. The Cyrus page still fixes what
// other tools left. A mailbox owner's out-of-office reply is answered by Cyrus itself (its replies go
// to an SMTP catcher run here).

const DOMAIN = 'cyrus-e2e.test';
const BOB = `bob@${DOMAIN}`;
const CAROL = `carol@${DOMAIN}`;
const SETTINGS = ['cyrusConnection', 'cyrusAdminPassword', 'storageBackend'];
const listUrl = `/domains/${DOMAIN}/mailboxes`;
const mailboxUrl = (address: string) => `${listUrl}/${encodeURIComponent(address)}`;
const storageJobs = (page: Page) => page.getByRole('region', { name: 'Storage' }).getByRole('listitem');

const jobsOf = (address: string) => sql<{ kind: string; state: string; attempts: number }>('SELECT kind, state, attempts FROM mailroom_job WHERE target = ? ORDER BY id', [address]);

test.describe.serial('[cyrus] a Cyrus-backed domain', () => {
  let sink: RunningSmtpSink;
  test.beforeAll(async () => {
    sink = await startSmtpSink();
    startCyrus({ fresh: true, smtpPort: sink.port });
  });

  test.afterAll(async () => {
    stopCyrus();
    await sink.close();
    for (const table of ['vacation', 'alias', 'mailbox', 'mailroom_job', 'mailroom_domain_storage']) await sql(`DELETE FROM ${table} WHERE domain = ?`, [DOMAIN]);
    await sql('DELETE FROM domain_admins WHERE domain = ? OR username = ?', [DOMAIN, `admin@${DOMAIN}`]);
    await sql('DELETE FROM admin WHERE username = ?', [`admin@${DOMAIN}`]);
    await sql('DELETE FROM domain WHERE domain = ?', [DOMAIN]);
    await sql(`DELETE FROM mailroom_setting WHERE name IN (${SETTINGS.map(() => '?').join(', ')})`, SETTINGS);
  });

  test('[cyrus] the superadmin connects Mailroom to Cyrus; the admin password is write-only', async ({ page }) => {
    await seedDomain(DOMAIN, { maxquota: 100 });
    await page.goto('/cyrus');
    await expect(page.getByTestId('cyrus-password-state')).toHaveText('not set');
    await expect(page.getByText('Cyrus is not configured yet')).toBeVisible();
    await page.getByRole('link', { name: 'Cyrus settings' }).click();
    await page.getByLabel('Server').fill('127.0.0.1');
    await page.getByLabel('IMAP port').fill(String(CYRUS_IMAP_PORT));
    await page.getByLabel('Admin name').fill('cyrus');
    await page.getByLabel('Admin password').fill(CYRUS_ADMIN_PASSWORD);
    await page.getByLabel('Quota warning level (%)').fill('2');
    await page.getByLabel('Sieve port (timsieved)').fill('65536');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('#sievePort-error')).toHaveText('Enter a port from 1 to 65535.');
    expect(await sql("SELECT name FROM mailroom_setting WHERE name = 'cyrusConnection'")).toEqual([]);
    await page.getByLabel('Sieve port (timsieved)').fill(String(CYRUS_SIEVE_PORT));
    await page.getByLabel('Admin password').fill(CYRUS_ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Saved. Mailroom logged in to Cyrus as its admin.');
    const [connection] = await sql<{ value: string }>("SELECT value FROM mailroom_setting WHERE name = 'cyrusConnection'");
    expect(JSON.parse(connection?.value ?? '{}')).toMatchObject({ port: CYRUS_IMAP_PORT, sievePort: CYRUS_SIEVE_PORT });
    const [stored] = await sql<{ value: string }>("SELECT value FROM mailroom_setting WHERE name = 'cyrusAdminPassword'");
    expect(JSON.parse(stored?.value ?? '""')).toBe(CYRUS_ADMIN_PASSWORD);

    await page.reload();
    await expect(page.getByLabel('Admin password')).toHaveValue('');
    await expect(page.getByText('Write-only. Stored password: set.')).toBeVisible();
    expect(await page.content()).not.toContain('adm\\n pw');

    // saved again without a password: the stored one is kept
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Saved. Mailroom logged in to Cyrus as its admin.');
  });

  test('[cyrus] the domain is stored on Cyrus with its folders', async ({ page }) => {
    await page.goto('/cyrus/settings');
    await page.getByLabel('Domain', { exact: true }).fill(DOMAIN);
    await page.getByLabel('Storage', { exact: true }).selectOption('cyrus');
    await page.getByLabel('Folders of new Cyrus mailboxes').fill('Sent, Trash');
    await page.getByRole('button', { name: 'Save domain storage' }).click();
    await expect(page.getByRole('status')).toHaveText("The domain's storage was saved.");
    await expect(page.getByTestId(`storage-${DOMAIN}`)).toContainText('Cyrus IMAP');
    expect(await sql('SELECT backend, folders FROM mailroom_domain_storage WHERE domain = ?', [DOMAIN])).toEqual([{ backend: 'cyrus', folders: 'Sent, Trash' }]);
  });

  test('[cyrus] a mailbox created through the mailbox form is made on Cyrus by its job; its page says so and shows its quota bar', async ({ page }) => {
    await createThroughForm(page, DOMAIN, 'bob', '10');
    await page.goto(mailboxUrl(BOB));
    await expect(page.getByRole('region', { name: 'Storage' })).toContainText('Mailroom does the Cyrus work itself, right after each change');
    await expect(storageJobs(page)).toHaveCount(1);
    await expect(storageJobs(page)).toContainText('Create the mailbox on Cyrus (INBOX, quota, folders)');
    await expect(storageJobs(page)).toContainText('Done');
    await expect(page.getByTestId(`cyrus-quota-${BOB}`)).toContainText('0 of 10 MiB');
    expect(await jobsOf(BOB)).toEqual([{ kind: 'cyrus.create', state: 'done', attempts: 1 }]);
    expect(await cyrusMailboxes(DOMAIN)).toEqual([`user/bob/Sent@${DOMAIN}`, `user/bob/Trash@${DOMAIN}`, `user/${BOB}`]);
    expect(await cyrusQuota(BOB)).toEqual({ usedKib: 0, limitKib: 10 * 1024 });

    await deliverToCyrus(BOB, { size: 400_000 });
    for (const url of [listUrl, mailboxUrl(BOB)]) {
      await page.goto(url);
      const cell = page.getByTestId(`cyrus-quota-${BOB}`);
      await expect(cell).toContainText('of 10 MiB');
      const bar = cell.getByRole('progressbar', { name: `Quota of ${BOB}` });
      await expect(bar).toHaveAttribute('aria-valuenow', '3');
      await expect(bar).toHaveAttribute('data-level', 'warn'); // over the 2 % warning level set above
    }
  });

  test('[cyrus] a quota changed through the mailbox form is set on Cyrus by its job', async ({ page }) => {
    await page.goto(mailboxUrl(BOB));
    await page.getByLabel('Quota (MiB)').fill('20');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('The changes were saved.');
    await expect(storageJobs(page).first()).toContainText('Set the quota on Cyrus');
    await expect(storageJobs(page).first()).toContainText('Done');
    await expect(page.getByTestId(`cyrus-quota-${BOB}`)).toContainText('of 20 MiB');
    expect(await cyrusQuota(BOB)).toMatchObject({ limitKib: 20 * 1024 });
    expect(await jobsOf(BOB)).toEqual([{ kind: 'cyrus.create', state: 'done', attempts: 1 }, { kind: 'cyrus.quota', state: 'done', attempts: 1 }]);
  });

  test('[cyrus] a domain with mailboxes on Cyrus cannot be switched to Maildirs (its mail would be left behind)', async ({ page }) => {
    await page.goto('/cyrus/settings');
    await page.getByLabel('Domain', { exact: true }).fill(DOMAIN);
    await page.getByLabel('Storage', { exact: true }).selectOption('dovecot-maildir');
    await page.getByRole('button', { name: 'Save domain storage' }).click();
    await expect(page.locator('#backend-error')).toHaveText('This domain has mailboxes on its current storage, and Mailroom does not move mail between Maildirs and Cyrus: move or delete its mailboxes first.');
    expect(await sql('SELECT backend, folders FROM mailroom_domain_storage WHERE domain = ?', [DOMAIN])).toEqual([{ backend: 'cyrus', folders: 'Sent, Trash' }]);
  });

  test('[cyrus] while Cyrus is down a new mailbox waits for its job and the page says why; back up, the retry button completes it', async ({ page }) => {
    stopCyrus();
    try {
      await createThroughForm(page, DOMAIN, 'carol', '5');
      expect(await sql('SELECT username, quota FROM mailbox WHERE username = ?', [CAROL])).toEqual([{ username: CAROL, quota: 5n * 1_048_576n }]);
      expect(await sql('SELECT goto FROM alias WHERE address = ?', [CAROL])).toEqual([{ goto: CAROL }]);
      await page.goto(mailboxUrl(CAROL));
      await expect(storageJobs(page)).toContainText('Pending');
      await expect(storageJobs(page)).toContainText(`Attempt 1 failed: Cyrus at 127.0.0.1:${CYRUS_IMAP_PORT} is unreachable: ECONNREFUSED. Next attempt at`);
      await expect(page.getByText('Cyrus unavailable')).toBeVisible();
      expect(await jobsOf(CAROL)).toEqual([{ kind: 'cyrus.create', state: 'pending', attempts: 1 }]);
    } finally {
      startCyrus();
    }
    // its next attempt is later (the backoff grows to an hour): the retry button runs it now
    await sql("UPDATE mailroom_job SET run_after = NOW() + INTERVAL 1 HOUR WHERE target = ? AND state = 'pending'", [CAROL]);
    await page.goto(listUrl);
    await expect(page.getByTestId(`cyrus-quota-${CAROL}`)).toHaveText('being created on Cyrus');
    await page.goto(mailboxUrl(CAROL));
    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect(storageJobs(page)).toContainText('Done');
    await expect(page.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
    await expect(page.getByTestId(`cyrus-quota-${CAROL}`)).toContainText('0 of 5 MiB');
    expect(await cyrusMailboxes(DOMAIN)).toContain(`user/${CAROL}`);
  });

  test('[cyrus] mailboxes deleted through the delete form are deleted on Cyrus by their jobs', async ({ page }) => {
    await deleteThroughForm(page, BOB);
    await expect.poll(() => cyrusMailboxes(DOMAIN)).toEqual([`user/carol/Sent@${DOMAIN}`, `user/carol/Trash@${DOMAIN}`, `user/${CAROL}`]);
    expect((await jobsOf(BOB)).at(-1)).toEqual({ kind: 'cyrus.delete', state: 'done', attempts: 1 });
    await deleteThroughForm(page, CAROL);
    await expect.poll(() => cyrusMailboxes(DOMAIN)).toEqual([]);
    await expect(page.getByTestId(`mailbox-row-${CAROL}`)).toHaveCount(0);
  });

  test('[cyrus] the Cyrus page creates what another tool left missing and deletes an orphan', async ({ page }) => {
    await seedMailbox(`dave@${DOMAIN}`, '{PLAIN}unused', { quota: 3 * 1_048_576 }); // a row written without a job
    await createOnCyrus(`stray@${DOMAIN}`);
    await page.goto('/cyrus');
    await expect(page.getByTestId(`missing-dave@${DOMAIN}`)).toContainText('3 MiB');
    await expect(page.getByTestId(`missing-dave@${DOMAIN}`)).toContainText('no job: made by another tool or before Mailroom');
    await page.getByRole('button', { name: 'Create missing on Cyrus' }).click();
    await expect(page.getByRole('status')).toHaveText('The missing mailboxes were created on Cyrus.');
    await expect(page.getByTestId('missing-none')).toBeVisible();
    expect(await cyrusQuota(`dave@${DOMAIN}`)).toEqual({ usedKib: 0, limitKib: 3 * 1024 });
    expect(await sql("SELECT data FROM log WHERE action = 'cyrus_create_mailbox' AND domain = ?", [DOMAIN])).toEqual([{ data: `dave@${DOMAIN}` }]);

    await page.goto('/cyrus');
    await expect(page.getByTestId(`orphan-stray@${DOMAIN}`)).toContainText('can be adopted');
    await page.getByRole('button', { name: 'Delete on Cyrus' }).click();
    await expect(page.getByText('Tick the box to confirm the deletion.')).toBeVisible();
    expect(await cyrusMailboxes(DOMAIN)).toContain(`user/stray@${DOMAIN}`);
    await page.getByLabel('I understand that these mailboxes and all their mail are deleted on Cyrus.').check();
    await page.getByRole('button', { name: 'Delete on Cyrus' }).click();
    await expect(page.getByRole('status')).toHaveText('The orphan mailboxes were deleted on Cyrus.');
    await expect(page.getByTestId('orphans-none')).toBeVisible();
    expect(await cyrusMailboxes(DOMAIN)).toEqual([`user/dave/Sent@${DOMAIN}`, `user/dave/Trash@${DOMAIN}`, `user/dave@${DOMAIN}`]);
  });

  test("[cyrus] a mailbox owner's out-of-office reply is answered by Cyrus once, and not after switching it off", async ({ page, browser }) => {
    const OLGA = `olga@${DOMAIN}`;
    const [outsider, other] = ['outsider@elsewhere.test', 'other@elsewhere.test'];
    const subject = 'Olga is away';
    const body = 'Back on Monday.\n"; discard; #';
    await createThroughForm(page, DOMAIN, 'olga', '10');
    await expect.poll(() => jobsOf(OLGA)).toEqual([{ kind: 'cyrus.create', state: 'done', attempts: 1 }]);
    const owner = await browser.newPage({ storageState: { cookies: [], origins: [] } });
    await logIn(owner, OLGA, 'olga e2e password', /\/account$/);
    const [from, until] = [formatDay(new Date()), formatDay(new Date(Date.now() + 3 * 86_400_000))];
    await switchOwnReplyOn(owner, { subject, body, from, until, days: 2 });
    const window = vacationWindow(parseDay(from)!, parseDay(until)!);
    expect(await sql('SELECT subject, body, active, activefrom, activeuntil, interval_time FROM vacation WHERE email = ?', [OLGA])).toEqual([
      { subject, body, active: 1, activefrom: window.activeFrom, activeuntil: window.activeUntil, interval_time: 2 * 86_400 },
    ]);
    // on Cyrus: Mailroom's wrapper is the active script, and the reply script is the one it generates
    const script = generateVacationScript({ address: OLGA, subject, body, days: 2, ...window });
    expect(await cyrusSieve(OLGA, VACATION_SCRIPT)).toEqual({ scripts: [{ name: WRAPPER_SCRIPT, active: true }, { name: VACATION_SCRIPT, active: false }], text: script });

    const first = await deliverToCyrus(OLGA, { from: outsider, name: 'first' });
    await expect.poll(() => caughtWithSubject(sink, outsider, subject).length, { timeout: 10_000 }).toBe(1);
    const [reply] = caughtWithSubject(sink, outsider, subject);
    expect([headerOf(reply!, 'From'), headerOf(reply!, 'In-Reply-To'), headerOf(reply!, 'Auto-Submitted')]).toEqual([`<${OLGA}>`, `<${first.id}>`, expect.stringMatching(/^auto-replied/)]);
    expect(await countInInbox(OLGA, first.subject)).toBe(1);
    // Cyrus remembers the sender for the 2 days asked (deliver.db); the second mail is delivered (LMTP
    // answers 250 only after Sieve ran and any reply was sent), finds that record and gets no reply
    const records = await vacationRecordTimes(OLGA);
    expect(records).toEqual([expect.closeTo(Date.now() / 1000 + 2 * 86_400, -2)]);
    const second = await deliverToCyrus(OLGA, { from: outsider, name: 'second' });
    expect(await countInInbox(OLGA, second.subject)).toBe(1);
    expect(caughtWithSubject(sink, outsider, subject)).toHaveLength(1);
    expect(await vacationRecordTimes(OLGA)).toEqual(records);

    await switchOwnReplyOff(owner);
    expect(await sql('SELECT subject, active FROM vacation WHERE email = ?', [OLGA])).toEqual([{ subject, active: 0 }]);
    expect(await cyrusSieve(OLGA)).toEqual({ scripts: [], text: null });
    const third = await deliverToCyrus(OLGA, { from: other, name: 'third' });
    expect(await countInInbox(OLGA, third.subject)).toBe(1);
    expect(caughtWithSubject(sink, other, subject)).toEqual([]);
    expect(sink.messages).toHaveLength(1);
    expect(await vacationRecordTimes(OLGA)).toEqual(records); // no reply, so no record of the other sender
    expect(await sql("SELECT username, data FROM log WHERE action = 'edit_vacation' AND domain = ? ORDER BY id", [DOMAIN])).toEqual([
      { username: expect.stringContaining(OLGA), data: `${OLGA}: on, ${from} to ${until}, one reply per sender every 2 days` },
      { username: expect.stringContaining(OLGA), data: `${OLGA}: off` },
    ]);
    await owner.close();
  });

  test.describe('as a domain admin', () => {
    test.use({ storageState: { cookies: [], origins: [] } });
    test('[cyrus] a domain admin cannot open the Cyrus, Cyrus settings or import pages', async ({ page }) => {
      await seedDomainAdmin(`admin@${DOMAIN}`, 'cyrus e2e domain admin', [DOMAIN]);
      await logIn(page, `admin@${DOMAIN}`, 'cyrus e2e domain admin');
      for (const url of ['/cyrus', '/cyrus/settings', '/import']) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(404);
        await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
      }
      await page.goto('/domains');
      await expect(page.getByRole('link', { name: 'Domains' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'Cyrus', exact: true })).toHaveCount(0);
      await expect(page.getByRole('link', { name: 'Import', exact: true })).toHaveCount(0);
    });
  });
});
