import { expect, test, type Page } from '@playwright/test';
import { hashPassword } from '../lib/passwords/hash';
import { imapQuote, openImap, sendMail, testMessage } from '../tests/integration/helpers/mail-protocols';
import { logIn, seedDomain, seedDomainAdmin, seedMailbox, sql } from './fixtures';
import { dovecotAccepts, LMTP_TRANSPORT, logLinesFor, MAIL_PORTS, startMailStack, stopMailStack, withSubject } from './mailstack';

// A mailbox owner's self-service in the browser, against the real Postfix and Dovecot reading the e2e
// database: the new password works in IMAP at once, the forward delivers, the reply reaches the sender once.

const DOMAIN = 'owner-e2e.test';
const OWNER = { username: `olive@${DOMAIN}`, password: 'olive first password' };
const NEW_PASSWORD = 'olive second password';
const SENDER = `sender@${DOMAIN}`;
const FRIEND = `friend@${DOMAIN}`;
const ADMIN = { username: `admin@${DOMAIN}`, password: 'owner e2e admin pw' };
const maildir = (address: string) => `${DOMAIN}/${address.split('@')[0]}/`;

test.use({ storageState: { cookies: [], origins: [] } });

/** Sends one message to `to`; returns its unique Subject and Message-ID. */
async function mail(from: string, to: string, name: string): Promise<{ subject: string; id: string }> {
  const subject = `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const { data } = await sendMail(MAIL_PORTS.smtp, from, [to], testMessage(from, to, subject));
  expect(data?.code).toBe(250);
  return { subject, id: `${subject}@tests.mailroom.test` };
}

async function imapLogin(user: string, password: string): Promise<string> {
  const imap = await openImap(MAIL_PORTS.imap);
  try {
    return (await imap.command(`LOGIN ${imapQuote(user)} ${imapQuote(password)}`)).status;
  } finally {
    imap.close();
  }
}

const vacationRow = async () => (await sql<{ subject: string; active: number; interval_time: number }>('SELECT subject, active, interval_time FROM vacation WHERE email = ?', [OWNER.username]))[0];
const delivered = (address: string, subject: string) => expect.poll(async () => (await withSubject(maildir(address), subject)).length, { timeout: 20_000 });

async function switchReplyOn(page: Page, subject: string, body: string, days: string) {
  await page.goto('/account/vacation');
  await page.getByLabel('Subject').fill(subject);
  await page.getByLabel('Message').fill(body);
  await page.getByLabel('Reply to each sender at most once every').fill(days);
  await page.getByRole('button', { name: /Switch the reply on|Save the reply/ }).click();
  await expect(page.getByRole('status')).toHaveText('The reply is saved and in effect.');
}

test.describe.serial('[account] a mailbox owner looks after their own mailbox', () => {
  test.beforeAll(async () => {
    await startMailStack();
    await seedDomain(DOMAIN);
    await sql('UPDATE domain SET transport = ? WHERE domain = ?', [LMTP_TRANSPORT, DOMAIN]);
    await seedMailbox(OWNER.username, await hashPassword(OWNER.password), { name: 'Olive Owner', quota: 10_240_000 });
    for (const address of [SENDER, FRIEND]) await seedMailbox(address, await hashPassword('someone else pw'));
    await seedMailbox(`gone@${DOMAIN}`, await hashPassword('inactive owner pw'), { active: false });
    await seedDomainAdmin(ADMIN.username, ADMIN.password, [DOMAIN]);
  });

  test.afterAll(async () => {
    await stopMailStack();
    // later specs find the database as before
    await sql('DELETE FROM vacation WHERE domain = ?', [DOMAIN]);
    await sql('DELETE FROM quota2 WHERE username LIKE ?', [`%@${DOMAIN}`]);
    await sql('DELETE FROM alias WHERE domain = ?', [DOMAIN]);
    await sql('DELETE FROM mailbox WHERE domain = ?', [DOMAIN]);
    await sql('DELETE FROM domain_admins WHERE domain = ? OR username = ?', [DOMAIN, ADMIN.username]);
    await sql('DELETE FROM admin WHERE username = ?', [ADMIN.username]);
    await sql('DELETE FROM domain WHERE domain = ?', [DOMAIN]);
  });

  test('[account] owner logs in and sees their address, storage and mail program settings', async ({ page }) => {
    await logIn(page, OWNER.username, OWNER.password, /\/account$/);
    await expect(page.getByTestId('account-address')).toHaveText(OWNER.username);
    await expect(page.getByTestId('account-quota')).toContainText('0 MiB of 9.8 MiB used (0 %)');
    await expect(page.getByTestId('account-forward')).toContainText('None: mail is delivered to your mailbox.');
    await expect(page.getByTestId('account-vacation')).toContainText('Off.');
    await expect(page.getByTestId('client-imap')).toHaveText(`imap.mailstack.test · port ${MAIL_PORTS.imap} · no encryption`);
    await expect(page.getByTestId('client-smtp')).toHaveText(`smtp.mailstack.test · port ${MAIL_PORTS.smtp} · no encryption`);
  });

  test('[account] owner cannot open admin pages: every one sends them back to their account', async ({ page }) => {
    await logIn(page, OWNER.username, OWNER.password, /\/account$/);
    for (const url of ['/domains', `/domains/${DOMAIN}/mailboxes`, `/domains/${DOMAIN}/mailboxes/${OWNER.username}/vacation`, '/settings/self-service', '/profile/password']) {
      await page.goto(url);
      await expect(page, url).toHaveURL(/\/account$/);
    }
  });

  test('[account] an inactive mailbox cannot log in', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('E-mail address').fill(`gone@${DOMAIN}`);
    await page.getByLabel('Password').fill('inactive owner pw');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.locator('#login-error')).toHaveText('Wrong e-mail address or password.');
  });

  test('[account] owner changes the password: a wrong current one is refused; then IMAP takes the new one at once and refuses the old', async ({ page }) => {
    await logIn(page, OWNER.username, OWNER.password, /\/account$/);
    await page.getByRole('link', { name: 'Password' }).click();
    const before = (await sql<{ password: string }>('SELECT password FROM mailbox WHERE username = ?', [OWNER.username]))[0]?.password;
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await expect(page.locator('#currentPassword-error')).toHaveText('This is not your current password.');
    expect((await sql<{ password: string }>('SELECT password FROM mailbox WHERE username = ?', [OWNER.username]))[0]?.password).toBe(before);

    await page.getByLabel('Current password').fill(OWNER.password);
    await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('New password again').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await expect(page.getByRole('status')).toHaveText('Your password was changed. Use the new one in your mail programs from now on.');
    expect(await sql('SELECT action, data FROM log WHERE domain = ? AND action = ?', [DOMAIN, 'edit_mailbox'])).toEqual([{ action: 'edit_mailbox', data: `${OWNER.username}: password changed by its owner` }]);
    expect(await dovecotAccepts(OWNER.username, NEW_PASSWORD)).toBe(true);
    expect(await dovecotAccepts(OWNER.username, OWNER.password)).toBe(false);
    expect(await imapLogin(OWNER.username, NEW_PASSWORD)).toBe('OK');
    expect(await imapLogin(OWNER.username, OWNER.password)).toBe('NO');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await logIn(page, OWNER.username, NEW_PASSWORD, /\/account$/);
  });

  test('[account] owner forwards with a copy: the mail arrives in both mailboxes', async ({ page }) => {
    await logIn(page, OWNER.username, NEW_PASSWORD, /\/account$/);
    await page.getByRole('link', { name: 'Forwarding' }).first().click();
    await page.getByLabel('Forward to').fill(`${OWNER.username}\n`);
    await page.getByRole('button', { name: 'Save the forwarding' }).click();
    await expect(page.locator('#goto-error')).toContainText('The mailbox itself is not a forwarding address');
    await page.getByLabel('Forward to').fill(FRIEND);
    await page.getByLabel('Keep a copy in the mailbox').check();
    await page.getByRole('button', { name: 'Save the forwarding' }).click();
    await expect(page.getByRole('status')).toHaveText('The forwarding was saved.');
    await expect(page.getByTestId('forward-current')).toContainText(`Forwarded to ${FRIEND}, with a copy kept in the mailbox.`);
    expect(await sql('SELECT goto FROM alias WHERE address = ?', [OWNER.username])).toEqual([{ goto: `${FRIEND},${OWNER.username}` }]);

    const m = await mail(SENDER, OWNER.username, 'forwarded');
    await delivered(OWNER.username, m.subject).toBe(1);
    await delivered(FRIEND, m.subject).toBe(1);
  });

  test('[account] owner sets a reply: the sender gets it once, not twice; switched off, no reply is sent', async ({ page }) => {
    await logIn(page, OWNER.username, NEW_PASSWORD, /\/account$/);
    await switchReplyOn(page, 'Olive is away', 'Back on Monday.\n.\n"; discard; #', '3');
    await expect(page.getByTestId('vacation-state')).toContainText('on: replies are sent until');
    expect(await vacationRow()).toEqual({ subject: 'Olive is away', active: 1, interval_time: 3 * 86_400 });

    const first = await mail(SENDER, OWNER.username, 'first');
    await delivered(SENDER, 'Olive is away').toBe(1);
    await delivered(OWNER.username, first.subject).toBe(1);
    const second = await mail(SENDER, OWNER.username, 'second');
    await expect.poll(async () => (await logLinesFor(second.id)).some((l) => /discarded duplicate vacation response/.test(l)), { timeout: 20_000 }).toBe(true);
    await delivered(OWNER.username, second.subject).toBe(1);
    expect(await withSubject(maildir(SENDER), 'Olive is away')).toHaveLength(1);

    await page.getByRole('button', { name: 'Switch the reply off' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'The reply is switched off.' })).toBeVisible();
    await expect(page.getByTestId('vacation-state')).toContainText('off.');
    expect(await vacationRow()).toMatchObject({ active: 0 });
    const third = await mail(FRIEND, OWNER.username, 'third');
    await delivered(OWNER.username, third.subject).toBe(1);
    expect((await logLinesFor(third.id)).filter((l) => /vacation/.test(l))).toEqual([]);
    expect(await withSubject(maildir(FRIEND), 'Olive is away')).toEqual([]);
  });

  test('[account] bad reply input is refused next to its field and changes nothing', async ({ page }) => {
    await logIn(page, OWNER.username, NEW_PASSWORD, /\/account$/);
    await page.goto('/account/vacation');
    const before = await vacationRow();
    await page.getByLabel('Subject').fill('');
    await page.getByLabel('First day').fill('2030-02-10');
    await page.getByLabel('Last day').fill('2030-02-01');
    await page.getByLabel('Reply to each sender at most once every').fill('0');
    await page.getByRole('button', { name: 'Switch the reply on' }).click();
    await expect(page.locator('#subject-error')).toHaveText('Enter a subject.');
    await expect(page.locator('#activeUntil-error')).toHaveText('The last day cannot be before the first day.');
    await expect(page.locator('#days-error')).toHaveText('Enter a whole number of days within the range given.');
    expect(await vacationRow()).toEqual(before);
  });

  test('[vacation] the domain admin sees the reply and switches it off; audited', async ({ page, browser }) => {
    await logIn(page, OWNER.username, NEW_PASSWORD, /\/account$/);
    await switchReplyOn(page, 'Olive, again away', 'Back later.', '1');
    const admin = await browser.newPage({ storageState: { cookies: [], origins: [] } });
    await logIn(admin, ADMIN.username, ADMIN.password);
    await admin.goto(`/domains/${DOMAIN}/mailboxes/${OWNER.username}`);
    await admin.getByRole('link', { name: 'Out-of-office reply' }).click();
    await expect(admin.getByTestId('vacation-subject')).toHaveText('Olive, again away');
    await expect(admin.getByTestId('vacation-body')).toHaveText('Back later.');
    await admin.getByRole('button', { name: 'Switch the reply off' }).click();
    await expect(admin.getByRole('status')).toHaveText('The reply is switched off.');
    await expect(admin.getByTestId('vacation-state')).toContainText('off.');
    expect(await vacationRow()).toMatchObject({ subject: 'Olive, again away', active: 0 });
    expect((await sql<{ username: string; data: string }>("SELECT username, data FROM log WHERE action = 'edit_vacation' AND domain = ? ORDER BY id DESC LIMIT 1", [DOMAIN]))[0]).toMatchObject({ username: expect.stringContaining(ADMIN.username), data: `${OWNER.username}: off` });
    const after = await mail(SENDER, OWNER.username, 'after-admin');
    await delivered(OWNER.username, after.subject).toBe(1);
    expect((await logLinesFor(after.id)).filter((l) => /vacation/.test(l))).toEqual([]);
    await admin.close();
  });
});
