import { execFileSync } from 'node:child_process';
import { expect, test, type Browser } from '@playwright/test';
import { logIn, seedDomain, seedDomainAdmin, seedMailbox, SUPERADMIN, sql } from './fixtures';

const ONE = 'adm-one.test';
const TWO = 'adm-two.test';
const DOMAIN_ADMIN = { username: 'dom.admin@adm-one.test', password: 'domain admin pw 1' };

// Leave the database as found: other specs count the domains and aliases they make.
test.afterAll(async () => {
  await sql('DELETE FROM alias WHERE domain IN (?, ?)', [ONE, TWO]);
  await sql('DELETE FROM mailbox WHERE domain IN (?, ?)', [ONE, TWO]);
  await sql("DELETE FROM domain_admins WHERE domain IN (?, ?) OR username LIKE '%@adm-one.test'", [ONE, TWO]);
  await sql("DELETE FROM admin WHERE username LIKE '%@adm-one.test'");
  await sql('DELETE FROM domain WHERE domain IN (?, ?)', [ONE, TWO]);
});

/** A second browser, logged in as someone else than the superadmin of the main page. */
async function loggedIn(browser: Browser, username: string, password: string, landing?: RegExp) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await logIn(page, username, password, landing);
  return page;
}

test.describe.serial('[admin] superadmin manages admins', () => {
  test.beforeAll(async () => {
    await seedDomain(ONE);
    await seedDomain(TWO);
  });

  test('[admin] bad input is refused next to each field and creates nothing', async ({ page }) => {
    const admins = async () => (await sql<{ username: string }>('SELECT username FROM admin ORDER BY username')).map((r) => r.username);
    const before = await admins();
    await page.goto('/admins/new');
    await page.getByLabel('Admin', { exact: true }).fill("root'); DROP TABLE admin;--");
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Password again').fill('different');
    await page.getByRole('button', { name: 'Create the admin' }).click();
    await expect(page.locator('#username-error')).toHaveText('Enter a valid e-mail address: admins log in with one.');
    await expect(page.locator('#password-error')).toHaveText('The password is too short.');
    await expect(page.locator('#passwordConfirm-error')).toHaveText('The two passwords do not match.');
    await expect(page.getByText('At least 10 characters.')).toBeVisible();

    await page.getByLabel('Admin', { exact: true }).fill(SUPERADMIN.username.toUpperCase());
    await page.getByLabel('Password', { exact: true }).fill(DOMAIN_ADMIN.password);
    await page.getByLabel('Password again').fill(DOMAIN_ADMIN.password);
    await page.getByRole('button', { name: 'Create the admin' }).click();
    await expect(page.locator('#username-error')).toHaveText('An admin with this address already exists.');
    expect(await admins()).toEqual(before);
  });

  test('[admin] create a domain admin, assign a domain; the domain admin sees only that domain', async ({ page, browser }) => {
    await page.goto('/admins');
    await page.getByRole('link', { name: 'New admin' }).click();
    await page.getByLabel('Admin', { exact: true }).fill(' Dom.Admin@ADM-ONE.test ');
    await page.getByLabel('Password', { exact: true }).fill(DOMAIN_ADMIN.password);
    await page.getByLabel('Password again').fill(DOMAIN_ADMIN.password);
    await page.getByRole('button', { name: 'Create the admin' }).click();
    await expect(page.getByRole('status')).toHaveText('The admin was created.');
    expect(await sql('SELECT username, superadmin, active FROM admin WHERE username = ?', [DOMAIN_ADMIN.username])).toEqual([{ username: DOMAIN_ADMIN.username, superadmin: 0, active: 1 }]);
    expect(await sql('SELECT domain FROM domain_admins WHERE username = ?', [DOMAIN_ADMIN.username])).toEqual([]);

    await page.goto(`/domains/${ONE}`);
    await page.getByRole('link', { name: 'Admins' }).last().click();
    await expect(page.getByRole('heading', { name: `Admins of ${ONE}` })).toBeVisible();
    await page.getByLabel('Admin', { exact: true }).selectOption(DOMAIN_ADMIN.username);
    await page.getByRole('button', { name: 'Assign' }).click();
    await expect(page.getByTestId(`domain-admin-${DOMAIN_ADMIN.username}`)).toBeVisible();
    expect(await sql('SELECT domain, active FROM domain_admins WHERE username = ?', [DOMAIN_ADMIN.username])).toEqual([{ domain: ONE, active: 1 }]);

    const admin = await loggedIn(browser, DOMAIN_ADMIN.username, DOMAIN_ADMIN.password);
    await expect(admin.getByTestId(`domain-row-${ONE}`)).toBeVisible();
    await expect(admin.getByTestId(`domain-row-${TWO}`)).toHaveCount(0);
    await expect(admin.getByRole('link', { name: 'Admins' })).toHaveCount(0);
    expect((await admin.goto(`/domains/${TWO}`))?.status()).toBe(404);
    expect((await admin.goto('/admins'))?.status()).toBe(404);
    expect((await admin.goto(`/domains/${ONE}/admins`))?.status()).toBe(404);
    expect((await admin.goto(`/domains/${ONE}`))?.status()).toBe(200);

    // the superadmin takes the domain away: the same session gets 404 on it from the next request on
    await page.getByRole('button', { name: `Unassign ${DOMAIN_ADMIN.username}` }).click();
    await expect(page.getByText('No admin is assigned to this domain.')).toBeVisible();
    expect(await sql('SELECT domain FROM domain_admins WHERE username = ?', [DOMAIN_ADMIN.username])).toEqual([]);
    expect((await admin.goto(`/domains/${ONE}`))?.status()).toBe(404);
    await admin.goto('/domains');
    await expect(admin.getByText('No domains yet.')).toBeVisible();

    await page.goto(`/domains/${ONE}/log`);
    await expect(page.getByTestId('log-row').first()).toContainText(`${DOMAIN_ADMIN.username}: unassigned`);
    await expect(page.getByTestId('log-row').nth(1)).toContainText(`${DOMAIN_ADMIN.username}: assigned`);
    await admin.context().close();
  });

  test('[admin] edit with domain checkboxes, and the self rules', async ({ page }) => {
    await page.goto('/admins');
    await page.getByRole('link', { name: DOMAIN_ADMIN.username }).click();
    await page.getByLabel(TWO).check();
    await page.getByLabel('Active (may log in)').uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('The changes were saved.');
    expect(await sql('SELECT domain FROM domain_admins WHERE username = ?', [DOMAIN_ADMIN.username])).toEqual([{ domain: TWO }]);
    expect(await sql('SELECT active FROM admin WHERE username = ?', [DOMAIN_ADMIN.username])).toEqual([{ active: 0 }]);
    await page.goto('/admins');
    await expect(page.getByTestId(`admin-row-${DOMAIN_ADMIN.username}`)).toContainText(`${TWO}`);
    await expect(page.getByTestId(`admin-row-${DOMAIN_ADMIN.username}`)).toContainText('no');

    await page.goto(`/admins/${encodeURIComponent(SUPERADMIN.username)}`);
    await page.getByLabel(/^Superadmin:/).uncheck();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#superadmin-error')).toHaveText('You cannot take away your own superadmin rights.');
    await expect(page.getByRole('button', { name: 'Set the new password' })).toHaveCount(0);
    expect(await sql("SELECT a.superadmin, d.domain FROM admin a JOIN domain_admins d ON d.username = a.username WHERE a.username = ?", [SUPERADMIN.username])).toEqual([{ superadmin: 1, domain: 'ALL' }]);
    expect((await page.goto(`/admins/${encodeURIComponent(SUPERADMIN.username)}/delete`))?.status()).toBe(200);
    await expect(page.getByRole('button', { name: 'Delete the admin' })).toHaveCount(0);
  });

  test('[admin] an address with URL-breaking characters is listed, edited and deleted', async ({ page }) => {
    const odd = "o'hara/x%41?y#z@adm-one.test";
    await seedDomainAdmin(odd, 'odd admin pw 1', [ONE]);
    await page.goto('/admins?q=hara');
    await expect(page.getByText('1 admin', { exact: true })).toBeVisible();
    await page.getByRole('link', { name: odd }).click();
    await expect(page.getByRole('heading', { name: `Admin ${odd}` })).toBeVisible();
    await page.getByLabel('New password').fill('a fresh password');
    await page.getByLabel('Password again').fill('a fresh password');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect(page.getByRole('status')).toHaveText('The password was changed. Give the admin the new one in a safe way.');
    const [row] = await sql<{ password: string }>('SELECT password FROM admin WHERE username = ?', [odd]);
    expect(row?.password).toMatch(/^\{BLF-CRYPT\}/);
    expect(await sql("SELECT data FROM log WHERE action = 'edit_admin' AND domain = '' ORDER BY id DESC LIMIT 1")).toEqual([{ data: `${odd}: password reset` }]);

    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(page.getByTestId('delete-summary')).toHaveText(`They manage: ${ONE}.`);
    await page.getByRole('button', { name: 'Delete the admin' }).click();
    await expect(page).toHaveURL(/\/admins\?deleted=1$/);
    expect(await sql('SELECT username FROM admin WHERE username = ?', [odd])).toEqual([]);
    expect(await sql('SELECT username FROM domain_admins WHERE username = ?', [odd])).toEqual([]);
    expect(await sql("SELECT domain FROM log WHERE action = 'delete_admin' AND data = ? ORDER BY domain", [odd])).toEqual([{ domain: '' }, { domain: ONE }]);
  });
});

test.describe('[profile] own password', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('[profile] an admin changes their own password and logs in with the new one', async ({ page }) => {
    await seedDomain(ONE);
    await seedDomainAdmin('pw.admin@adm-one.test', 'first password 1', [ONE]);
    await logIn(page, 'pw.admin@adm-one.test', 'first password 1');
    await page.getByRole('link', { name: 'My password' }).click();
    await page.getByLabel('Current password').fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('second password 2');
    await page.getByLabel('New password again').fill('second password 2');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await expect(page.locator('#currentPassword-error')).toHaveText('This is not your current password.');

    await page.getByLabel('Current password').fill('first password 1');
    await page.getByLabel('New password', { exact: true }).fill('second password 2');
    await page.getByLabel('New password again').fill('second password 2');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await expect(page.getByRole('status')).toHaveText('Your password was changed. Use the new one from now on.');
    const [log] = await sql<{ data: string }>("SELECT data FROM log WHERE action = 'edit_admin' ORDER BY id DESC LIMIT 1");
    expect(log?.data).toBe('pw.admin@adm-one.test: password changed');

    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.getByLabel('E-mail address').fill('pw.admin@adm-one.test');
    await page.getByLabel('Password').fill('first password 1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.locator('#login-error')).toHaveText('Wrong e-mail address or password.');
    await logIn(page, 'pw.admin@adm-one.test', 'second password 2');
    await expect(page.getByTestId('current-admin')).toHaveText('pw.admin@adm-one.test');
  });
});

test.describe('[auth] mailbox owners', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('[auth] a mailbox owner logs in on the same page, lands on /account, and admin pages send them back', async ({ page }) => {
    await seedDomain(ONE);
    const md5 = execFileSync('openssl', ['passwd', '-1', 'owner password 1'], { encoding: 'utf8' }).trim();
    await seedMailbox('owner@adm-one.test', md5, { name: 'Olive Owner', quota: 10_240_000 });
    await logIn(page, 'owner@adm-one.test', 'owner password 1', /\/account$/);
    await expect(page.getByRole('heading', { name: 'My mailbox' })).toBeVisible();
    await expect(page.getByTestId('account-address')).toHaveText('owner@adm-one.test');
    await expect(page.getByTestId('account-quota')).toContainText('0 MiB of 9.8 MiB used');
    const [row] = await sql<{ password: string }>('SELECT password FROM mailbox WHERE username = ?', ['owner@adm-one.test']);
    expect(row?.password).toMatch(/^\{BLF-CRYPT\}\$2b\$/);

    for (const path of ['/domains', `/domains/${ONE}`, '/admins', '/profile/password', '/login', '/']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/account$/);
    }
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login$/);

    // an inactive mailbox gets the same neutral message as a wrong password
    await seedMailbox('sleepy@adm-one.test', md5, { active: false });
    await page.getByLabel('E-mail address').fill('sleepy@adm-one.test');
    await page.getByLabel('Password').fill('owner password 1');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.locator('#login-error')).toHaveText('Wrong e-mail address or password.');
  });

  test('[auth] an admin who opens /account is sent to the panel', async ({ page }) => {
    await logIn(page, SUPERADMIN.username, SUPERADMIN.password);
    await page.goto('/account');
    await expect(page).toHaveURL(/\/domains$/);
  });
});
