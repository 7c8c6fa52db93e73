import { expect, test } from '@playwright/test';
import { sql } from './fixtures';

test.describe.serial('[domain] superadmin manages domains', () => {
  test('[domain] invalid input is refused next to the field and creates nothing', async ({ page }) => {
    await page.goto('/domains/new');
    await page.getByLabel('Domain', { exact: true }).fill("evil.test'; DROP TABLE domain;--");
    await page.getByLabel('Largest mailbox').fill('500');
    await page.getByLabel('Domain quota').fill('100');
    await page.getByLabel('Transport').fill('virtual\nrelayhost = evil');
    await page.getByRole('button', { name: 'Create the domain' }).click();
    await expect(page.locator('#domain-error')).toContainText('only contain letters');
    await expect(page.locator('#maxquota-error')).toContainText('cannot be bigger than the domain quota');
    await expect(page.locator('#transport-error')).toContainText('Postfix transport');
    expect(await sql('SELECT domain FROM domain')).toHaveLength(0);
  });

  test('[domain] create an international domain with its default aliases; it is listed', async ({ page }) => {
    await page.goto('/domains');
    await page.getByRole('link', { name: 'New domain' }).click();
    await page.getByLabel('Domain', { exact: true }).fill('Bücher.Example.');
    await page.getByLabel('Description').fill('Librairie « Les Bücher »');
    await page.getByLabel('Mailboxes (limit)').fill('50');
    await page.getByLabel('Aliases (limit)').fill('0');
    await page.getByLabel('Largest mailbox').fill('2048');
    await page.getByLabel('Domain quota').fill('10240');
    await page.getByLabel('abuse@ delivers to').fill('abuse-desk@mailroom.test');
    await expect(page.getByLabel('Create the default aliases')).toBeChecked();
    await page.getByRole('button', { name: 'Create the domain' }).click();
    await expect(page.getByRole('status')).toHaveText('The domain was created.');
    await expect(page.getByRole('heading', { name: 'bücher.example' })).toBeVisible();
    await expect(page.getByText('xn--bcher-kva.example')).toBeVisible();

    const rows = await sql('SELECT domain, description, mailboxes, aliases, maxquota, quota, transport, backupmx, active FROM domain');
    expect(rows).toEqual([
      { domain: 'xn--bcher-kva.example', description: 'Librairie « Les Bücher »', mailboxes: 50, aliases: 0, maxquota: 2048n, quota: 10240n, transport: 'virtual', backupmx: 0, active: 1 },
    ]);
    const aliases = await sql<{ address: string; goto: string }>('SELECT address, goto FROM alias ORDER BY address');
    expect(aliases).toEqual([
      { address: 'abuse@xn--bcher-kva.example', goto: 'abuse-desk@mailroom.test' },
      { address: 'hostmaster@xn--bcher-kva.example', goto: 'root@mailroom.test' },
      { address: 'postmaster@xn--bcher-kva.example', goto: 'root@mailroom.test' },
      { address: 'webmaster@xn--bcher-kva.example', goto: 'root@mailroom.test' },
    ]);
    // Postfix's documented virtual_mailbox_domains query answers for it
    expect(await sql("SELECT domain FROM domain WHERE domain='xn--bcher-kva.example' AND backupmx = '0' AND active = '1'")).toHaveLength(1);

    await page.goto('/domains');
    const row = page.getByTestId('domain-row-xn--bcher-kva.example');
    await expect(row).toContainText('bücher.example');
    await expect(row).toContainText('0 / 50');
    await expect(row).toContainText('4 / ∞');
    await page.getByLabel('Search').fill('bücher');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByText('1 domain')).toBeVisible();
  });

  test('[domain] the same domain cannot be created twice', async ({ page }) => {
    await page.goto('/domains/new');
    await page.getByLabel('Domain', { exact: true }).fill('xn--bcher-kva.example');
    await page.getByRole('button', { name: 'Create the domain' }).click();
    await expect(page.locator('#domain-error')).toHaveText('This domain already exists.');
    expect(await sql('SELECT domain FROM domain')).toHaveLength(1);
  });

  test('[domain] edit, deactivate, and see all of it in the Activity page', async ({ page }) => {
    await page.goto('/domains/xn--bcher-kva.example/edit');
    await page.getByLabel('Description').fill('Librairie');
    await page.getByLabel('Backup MX').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status')).toHaveText('The changes were saved.');
    expect(await sql("SELECT domain FROM domain WHERE domain='xn--bcher-kva.example' AND backupmx = '1' AND active = '1'")).toHaveLength(1);

    await page.goto('/domains/xn--bcher-kva.example');
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByText('inactive', { exact: true })).toBeVisible();
    expect(await sql("SELECT active FROM domain WHERE domain='xn--bcher-kva.example'")).toEqual([{ active: 0 }]);

    await page.getByRole('link', { name: 'Activity' }).click();
    await expect(page.getByTestId('log-row')).toHaveCount(7);
    const actions = await page.getByTestId('log-row').locator('[data-action]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-action')));
    expect(actions).toEqual(['edit_domain_state', 'edit_domain', 'create_alias', 'create_alias', 'create_alias', 'create_alias', 'create_domain']);
    await expect(page.getByText('description: Librairie « Les Bücher » -> Librairie')).toBeVisible();
    await expect(page.getByTestId('log-row').first()).toContainText('root@mailroom.test');
    await page.getByLabel('Action').selectOption('create_alias');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page.getByTestId('log-row')).toHaveCount(4);
  });

  test('[domain] delete asks for the name and says what goes', async ({ page }) => {
    await page.goto('/domains/new');
    await page.getByLabel('Domain', { exact: true }).fill('doomed.example');
    await page.getByRole('button', { name: 'Create the domain' }).click();
    await expect(page.getByRole('status')).toHaveText('The domain was created.');
    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(page.getByTestId('delete-summary')).toContainText('4 aliases');
    await page.getByLabel('Type the domain name to confirm').fill('wrong.example');
    await page.getByRole('button', { name: 'Delete the domain' }).click();
    await expect(page.locator('#confirm-error')).toHaveText('The name typed does not match the domain.');
    expect(await sql("SELECT domain FROM domain WHERE domain='doomed.example'")).toHaveLength(1);
    await page.getByLabel('Type the domain name to confirm').fill('doomed.example');
    await page.getByRole('button', { name: 'Delete the domain' }).click();
    await expect(page).toHaveURL(/\/domains\?deleted=1$/);
    expect(await sql("SELECT domain FROM domain WHERE domain='doomed.example'")).toHaveLength(0);
    expect(await sql("SELECT address FROM alias WHERE domain='doomed.example'")).toHaveLength(0);
    expect(await sql("SELECT action FROM log WHERE domain='doomed.example' AND action='delete_domain'")).toHaveLength(1);
  });
});
