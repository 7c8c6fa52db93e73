import { expect, test } from '@playwright/test';
import { sql } from './fixtures';

test.describe.serial('[log] the superadmin’s audit log', () => {
  let reserved = '';

  test.beforeAll(async () => {
    const [row] = await sql<{ value: string }>("SELECT value FROM mailroom_setting WHERE name = 'reservedLocalParts'");
    reserved = row ? (JSON.parse(row.value) as string[]).join(', ') : 'mailer-daemon';
  });

  test.afterAll(async () => {
    await sql("UPDATE mailroom_setting SET value = ? WHERE name = 'reservedLocalParts'", [JSON.stringify(reserved.split(', '))]);
  });

  test('[log] a settings change is listed with what changed, as an installation-wide entry', async ({ page }) => {
    await page.goto('/settings');
    await page.getByLabel('Reserved addresses').fill(`${reserved}, activity-check`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('The settings were saved.');

    await page.locator('header nav').getByRole('link', { name: 'Audit log' }).click();
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    const row = page.getByTestId('log-row').filter({ hasText: 'activity-check' });
    await expect(row).toHaveCount(1);
    await expect(row.locator('[data-action]')).toHaveText('settings changed');
    await expect(row).toContainText('installation');
    await expect(row).toContainText('root@mailroom.test');
    const [logged] = await sql<{ domain: string; data: string }>("SELECT domain, data FROM log WHERE action = 'edit_settings' AND data LIKE '%activity-check%'");
    expect(logged?.domain).toBe('');
  });

  test('[log] filters: installation only, by who; hostile text is shown as typed and matches nothing', async ({ page }) => {
    await page.goto('/log');
    await page.getByLabel('Only admins and settings (no domain)').check();
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/installation=1/);
    const domains = await page.getByTestId('log-row').locator('td:nth-child(3)').allTextContents();
    expect(domains.length).toBeGreaterThan(0);
    expect(new Set(domains)).toEqual(new Set(['installation']));

    await page.goto(`/log?who=${encodeURIComponent("<script>x</script>' OR 1=1 --")}`);
    await expect(page.getByLabel('Who')).toHaveValue("<script>x</script>' OR 1=1 --");
    await expect(page.getByText('No activity recorded.')).toBeVisible();
  });
});
