import { expect, test } from '@playwright/test';
import { verifyPassword } from '../lib/passwords/hash';
import { logIn, seedDomain, seedDomainAdmin, sql } from './fixtures';
import { expectPageLinks, expectShown, keys } from './pagination';

const ADMIN = { username: 'boss@shop.example', password: 'shop admin password' };
const ADDRESS = 'sales.team@shop.example';
const MIB = 1_048_576n;

type MailboxRow = { username: string; name: string; maildir: string; quota: bigint; local_part: string; domain: string; active: number; password: string };
const mailboxRow = async (username: string) =>
  (await sql<MailboxRow>('SELECT username, name, maildir, quota, local_part, domain, active, password FROM mailbox WHERE username = ?', [username]))[0];

test.use({ storageState: { cookies: [], origins: [] } });

test.describe.serial('[mailbox] domain admin manages mailboxes', () => {
  test.beforeAll(async () => {
    // maxquota 2048 MB = 2000 MiB per mailbox; 10240 MB for the whole domain
    await seedDomain('shop.example', { mailboxes: 10, maxquota: 2048, quota: 10240 });
    await seedDomain('rival.example');
    await sql(
      "INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, created, modified, active) VALUES ('ceo@rival.example', 'x', 'CEO', 'rival.example/ceo/', 0, 'ceo', 'rival.example', NOW(), NOW(), 1)",
    );
    await seedDomainAdmin(ADMIN.username, ADMIN.password, ['shop.example']);
  });

  test.beforeEach(async ({ page }) => {
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  test('[mailbox] create with a generated password and a quota; listed with its quota bar; found by search', async ({ page }) => {
    await page.goto('/domains/shop.example/mailboxes');
    await page.getByRole('link', { name: 'New mailbox' }).click();
    await page.getByLabel('Address', { exact: true }).fill('Sales.Team');
    await page.getByLabel('Display name').fill('Équipe « Ventes » 🛒');
    await page.getByRole('button', { name: 'Generate a password' }).click();
    const password = await page.getByLabel('Password', { exact: true }).inputValue();
    expect(password.length).toBeGreaterThanOrEqual(16);
    await expect(page.getByLabel('Password (again)')).toHaveValue(password);
    await expect(page.getByLabel('Quota (MiB)')).toHaveValue('2000'); // the domain's largest mailbox, suggested
    await page.getByLabel('Quota (MiB)').fill('512');
    await page.getByRole('button', { name: 'Create the mailbox' }).click();
    await expect(page).toHaveURL(/\/domains\/shop\.example\/mailboxes\?created=1$/);
    await expect(page.getByRole('status')).toHaveText('The mailbox was created.');

    const row = await mailboxRow(ADDRESS);
    expect(row).toMatchObject({ name: 'Équipe « Ventes » 🛒', maildir: 'shop.example/sales.team/', quota: 512n * MIB, local_part: 'sales.team', domain: 'shop.example', active: 1 });
    expect(row?.password).toMatch(/^\{BLF-CRYPT\}\$2b\$/);
    expect(await verifyPassword(password, row?.password ?? '')).toBe(true);
    expect(await sql('SELECT goto, active FROM alias WHERE address = ?', [ADDRESS])).toEqual([{ goto: ADDRESS, active: 1 }]);
    expect(await sql("SELECT data FROM log WHERE action = 'create_mailbox' AND domain = 'shop.example'")).toEqual([{ data: ADDRESS }]);

    const listed = page.getByTestId(`mailbox-row-${ADDRESS}`);
    await expect(listed).toContainText('Équipe « Ventes » 🛒');
    await expect(listed).toContainText('512 MiB, no usage reported yet');
    await expect(listed.getByRole('progressbar', { name: `Quota used by ${ADDRESS}` })).toHaveAttribute('aria-valuenow', '0');

    // Dovecot reports usage in quota2: the bar follows
    await sql('INSERT INTO quota2 (username, bytes, messages) VALUES (?, ?, 12)', [ADDRESS, String(384n * MIB)]);
    await page.reload();
    await expect(listed).toContainText('384 / 512 MiB');
    await expect(listed.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '75');

    await page.getByLabel('Address starts with').fill('sales');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/\?q=sales$/);
    await expect(page.getByTestId('mailbox-count')).toHaveText('1 match');
    await expect(listed).toBeVisible();
    await page.getByLabel('Address starts with').fill('ales');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText('No mailbox address starts with this text.')).toBeVisible();
  });

  test('[mailbox] bad input is refused next to the field and writes no row', async ({ page }) => {
    await page.goto('/domains/shop.example/mailboxes/new');
    await page.getByLabel('Address', { exact: true }).fill("../etc'; DROP TABLE mailbox;--");
    await page.getByLabel('Display name').fill('Line\u0085break');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Password (again)').fill('short');
    await page.getByRole('button', { name: 'Create the mailbox' }).click();
    await expect(page.locator('#localPart-error')).toContainText('Use only lowercase letters, digits, dots');
    await expect(page.locator('#name-error')).toContainText('cannot contain line breaks');
    await expect(page.locator('#password-error')).toContainText('shorter than the minimum length');
    await expect(page.getByLabel('Address', { exact: true })).toHaveValue("../etc'; DROP TABLE mailbox;--");

    await page.getByLabel('Address', { exact: true }).fill('big');
    await page.getByLabel('Display name').fill('Big');
    await page.getByLabel('Password', { exact: true }).fill('a long enough password');
    await page.getByLabel('Password (again)').fill('a long enough password');
    await page.getByLabel('Quota (MiB)').fill('2000.5');
    await page.getByRole('button', { name: 'Create the mailbox' }).click();
    await expect(page.locator('#quota-error')).toHaveText('This quota is above the largest mailbox allowed in this domain.');
    await expect(page.locator('#localPart-error')).toBeEmpty();

    expect(await sql("SELECT username FROM mailbox WHERE domain = 'shop.example'")).toEqual([{ username: ADDRESS }]);
    expect(await sql("SELECT address FROM alias WHERE domain = 'shop.example'")).toEqual([{ address: ADDRESS }]);
  });

  test('[mailbox] edit name and quota; the maildir and the password do not change', async ({ page }) => {
    const before = await mailboxRow(ADDRESS);
    await page.goto('/domains/shop.example/mailboxes');
    await page.getByRole('link', { name: ADDRESS }).click();
    await expect(page.getByRole('heading', { name: `Mailbox ${ADDRESS}` })).toBeVisible();
    await expect(page.getByLabel('Quota (MiB)')).toHaveValue('512');
    await page.getByLabel('Display name').fill('Ventes <img src=x onerror=alert(1)>');
    await page.getByLabel('Quota (MiB)').fill('1024');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('The changes were saved.');
    const after = await mailboxRow(ADDRESS);
    expect(after).toMatchObject({ name: 'Ventes <img src=x onerror=alert(1)>', quota: 1024n * MIB, maildir: 'shop.example/sales.team/', password: before?.password });
    expect(await sql("SELECT data FROM log WHERE action = 'edit_mailbox' AND domain = 'shop.example'")).toEqual([
      { data: `${ADDRESS}: name: "Équipe « Ventes » \\u{1f6d2}" -> "Ventes <img src=x onerror=alert(1)>"; quota: ${512n * MIB} -> ${1024n * MIB} bytes` },
    ]);
    await expect(page.getByRole('link', { name: 'Forwarding' })).toHaveAttribute('href', '/domains/shop.example/mailboxes/sales.team%40shop.example/forward');
    // the name is shown as text, never as markup
    await page.goto('/domains/shop.example/mailboxes');
    const listed = page.getByTestId(`mailbox-row-${ADDRESS}`);
    await expect(listed).toContainText('Ventes <img src=x onerror=alert(1)>');
    await expect(listed.locator('img')).toHaveCount(0);
  });

  test('[mailbox] deactivate: Postfix and Dovecot no longer see it', async ({ page }) => {
    await page.goto(`/domains/shop.example/mailboxes/${encodeURIComponent(ADDRESS)}`);
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByText('The mailbox is deactivated')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Activate' })).toBeVisible();
    expect(await sql('SELECT active FROM mailbox WHERE username = ?', [ADDRESS])).toEqual([{ active: 0 }]);
    expect(await sql('SELECT active FROM alias WHERE address = ?', [ADDRESS])).toEqual([{ active: 0 }]);
    expect(await sql(`SELECT maildir FROM mailbox WHERE username='${ADDRESS}' AND active = '1'`)).toEqual([]);
    await page.goto('/domains/shop.example/mailboxes');
    await expect(page.getByTestId(`mailbox-row-${ADDRESS}`).getByRole('cell').nth(3)).toHaveText('no');
  });

  test('[mailbox] delete names what goes and what is kept, then removes it', async ({ page }) => {
    await sql("INSERT INTO alias (address, goto, domain, created, modified, active) VALUES ('info@shop.example', ?, 'shop.example', NOW(), NOW(), 1)", [ADDRESS]);
    await page.goto(`/domains/shop.example/mailboxes/${encodeURIComponent(ADDRESS)}`);
    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(page.getByRole('heading', { name: `Delete ${ADDRESS}` })).toBeVisible();
    const summary = page.getByTestId('delete-summary');
    await expect(summary).toContainText(`the mailbox ${ADDRESS}`);
    await expect(summary).toContainText('its own alias entry');
    await expect(summary).toContainText('its quota usage record (384 MiB in 12 messages)');
    await expect(page.getByTestId('delete-kept')).toContainText('info@shop.example');
    const [policy] = await sql<{ value: string }>("SELECT value FROM mailroom_setting WHERE name = 'deletePolicy'");
    await expect(page.getByText(/^Its Maildir, with all its mail, is then/)).toHaveText(
      policy?.value === '"remove"' ? 'Its Maildir, with all its mail, is then removed from the disk by the storage job.' : /moved to the archive \(.+\) by the storage job\.$/,
    );
    expect(await mailboxRow(ADDRESS)).toBeDefined();

    await page.getByRole('button', { name: 'Delete the mailbox' }).click();
    await expect(page).toHaveURL(/\/domains\/shop\.example\/mailboxes\?deleted=1$/);
    await expect(page.getByRole('status')).toHaveText('The mailbox was deleted.');
    expect(await mailboxRow(ADDRESS)).toBeUndefined();
    expect(await sql('SELECT address FROM alias WHERE address = ?', [ADDRESS])).toEqual([]);
    expect(await sql('SELECT username FROM quota2 WHERE username = ?', [ADDRESS])).toEqual([]);
    expect(await sql("SELECT goto FROM alias WHERE address = 'info@shop.example'")).toEqual([{ goto: ADDRESS }]);
    expect(await sql("SELECT data FROM log WHERE action = 'delete_mailbox' AND domain = 'shop.example'")).toEqual([{ data: ADDRESS }]);
  });

  test('[mailbox] domain admin cannot see a foreign domain\'s mailboxes: 404', async ({ page }) => {
    for (const path of [
      '/domains/rival.example/mailboxes',
      '/domains/rival.example/mailboxes/new',
      '/domains/rival.example/mailboxes/ceo%40rival.example',
      '/domains/rival.example/mailboxes/ceo%40rival.example/delete',
      '/domains/shop.example/mailboxes/ceo%40rival.example',
      '/domains/nowhere.example/mailboxes',
    ]) {
      const res = await page.goto(path);
      expect(res?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    }
    expect(await sql("SELECT name, active FROM mailbox WHERE username = 'ceo@rival.example'")).toEqual([{ name: 'CEO', active: 1 }]);
  });
});

const PAGER = { username: 'pager@pages.example', password: 'mailbox pager password' };

test.describe.serial('[mailbox] a long list is paged by address', () => {
  const domains = ['pages.example', 'bulk-pages.example', 'other-pages.example'];
  async function cleanPages(): Promise<void> {
    const list = domains.map(() => '?').join(',');
    for (const table of ['alias', 'mailbox', 'domain']) await sql(`DELETE FROM ${table} WHERE domain IN (${list})`, domains);
    await sql('DELETE FROM domain_admins WHERE username = ?', [PAGER.username]);
    await sql('DELETE FROM admin WHERE username = ?', [PAGER.username]);
  }
  const insertMailboxes = (domain: string, count: number) =>
    sql(
      `INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, created, modified, active)
       SELECT CONCAT('m', LPAD(seq, GREATEST(2, LENGTH(seq)), '0'), '@', ?), 'x', '', '', 0, CONCAT('m', LPAD(seq, GREATEST(2, LENGTH(seq)), '0')), ?, NOW(), NOW(), 1 FROM seq_1_to_${count}`,
      [domain, domain],
    );

  test.beforeAll(async () => {
    await cleanPages();
    for (const d of domains) await seedDomain(d, { mailboxes: d === 'pages.example' ? 40 : 0 });
    await seedDomainAdmin(PAGER.username, PAGER.password, ['pages.example', 'bulk-pages.example']);
    await insertMailboxes('pages.example', 30);
    await insertMailboxes('bulk-pages.example', 10_001);
    await insertMailboxes('other-pages.example', 1);
  });
  test.afterAll(cleanPages);

  test.beforeEach(async ({ page }) => {
    await logIn(page, PAGER.username, PAGER.password);
  });

  test('[mailbox] First, Next, Previous and Last walk the mailboxes by address, with the search', async ({ page }) => {
    await page.goto('/domains/pages.example/mailboxes');
    await expect(page.getByTestId('mailbox-count')).toHaveText('30 mailboxes · Mailboxes used / allowed: 30 / 40');
    await expectShown(page, 'mailbox', keys('m', 'pages.example', 1, 25));
    await expectPageLinks(page, { first: false, previous: false, next: true, last: true });
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL('/domains/pages.example/mailboxes?after=m25%40pages.example');
    await expectShown(page, 'mailbox', keys('m', 'pages.example', 26, 5));
    await expectPageLinks(page, { first: true, previous: true, next: false, last: false });
    await page.getByRole('link', { name: 'First' }).click();
    await expect(page).toHaveURL('/domains/pages.example/mailboxes');
    await page.getByRole('link', { name: 'Last' }).click();
    await expect(page).toHaveURL('/domains/pages.example/mailboxes?last=1');
    await expectShown(page, 'mailbox', keys('m', 'pages.example', 6, 25));
    await page.getByRole('link', { name: 'Previous' }).click();
    await expect(page).toHaveURL('/domains/pages.example/mailboxes?before=m06%40pages.example');
    await expectShown(page, 'mailbox', keys('m', 'pages.example', 1, 25));
    await expectPageLinks(page, { first: false, previous: false, next: true, last: true });

    await page.getByLabel('Address starts with').fill('m');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('mailbox-count')).toHaveText('30 matches');
    await page.getByRole('link', { name: 'Last' }).click();
    await expect(page).toHaveURL('/domains/pages.example/mailboxes?q=m&last=1');
    await expectShown(page, 'mailbox', keys('m', 'pages.example', 6, 25));
    for (const query of [`after=${encodeURIComponent("'; DROP TABLE mailbox; --")}`, `before=${encodeURIComponent('𝔪')}`, `after=${'m'.repeat(400)}`]) {
      expect((await page.goto(`/domains/pages.example/mailboxes?${query}`))?.status(), query).toBe(200);
      await expectShown(page, 'mailbox', keys('m', 'pages.example', 1, 25), query);
    }
    expect(await sql("SELECT username FROM mailbox WHERE domain = 'pages.example'")).toHaveLength(30);
  });

  test('[mailbox] past 10,000 mailboxes the total says "more than"', async ({ page }) => {
    await page.goto('/domains/bulk-pages.example/mailboxes');
    await expect(page.getByTestId('mailbox-count')).toHaveText('More than 10,000 mailboxes · Mailboxes used / allowed: 10000+ / ∞');
  });

  test('[mailbox] domain admin cannot page through a foreign domain’s mailboxes: 404', async ({ page }) => {
    for (const query of ['?last=1', '?after=m00%40other-pages.example', '?before=z&q=m']) {
      expect((await page.goto(`/domains/other-pages.example/mailboxes${query}`))?.status(), query).toBe(404);
      await expect(page.getByText('m01@other-pages.example')).toHaveCount(0);
    }
  });
});
