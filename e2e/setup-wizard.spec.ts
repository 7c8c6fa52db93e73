import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { newSetupToken, SUPERADMIN, sql } from './fixtures';

const migrationCount = readdirSync('prisma/migrations').filter((n) => /^\d{14}_/.test(n)).length;

test.describe.serial('[setup] first-run wizard', () => {
  test('[setup] every page leads to the wizard on a fresh install', async ({ page }) => {
    for (const path of ['/', '/login', '/domains', '/domains/new']) {
      await page.goto(path);
      await expect(page).toHaveURL(/\/setup$/);
    }
    await expect(page.getByRole('heading', { name: 'Mailroom setup' })).toBeVisible();
    await expect(page.getByText('npm run mailroom -- setup-token')).toBeVisible();
  });

  test('[setup] the wizard refuses a wrong token and changes nothing', async ({ page }) => {
    newSetupToken();
    await page.goto('/setup');
    await page.getByLabel('Setup token').fill('AAAA-BBBB-CCCC-DDDD-EEEE');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.locator('#token-error')).toContainText('not valid');
    await expect(page.getByRole('heading', { name: '2. Database' })).toHaveCount(0);
    const tables = await sql<{ n: bigint }>("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()");
    expect(Number(tables[0]?.n)).toBe(0);
  });

  test('[setup] token -> migrations -> superadmin; then the wizard is gone', async ({ page }) => {
    const token = newSetupToken();
    await page.goto('/setup');
    await page.getByLabel('Setup token').fill(token.toLowerCase()); // typed by hand: case does not matter
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByText('Connected to the database.')).toBeVisible();
    await expect(page.getByTestId('migration-status')).toContainText(`0 applied, ${migrationCount} pending`);
    await expect(page.getByText('Apply the migrations first.')).toBeVisible();
    await page.getByRole('button', { name: 'Apply the migrations' }).click();
    await expect(page.getByTestId('migration-status')).toContainText(`${migrationCount} applied, 0 pending`);

    // bad input is refused next to the field and creates nothing
    await page.getByLabel('Superadmin e-mail address').fill('not-an-address');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Password again').fill('different');
    await page.getByRole('button', { name: 'Create the superadmin' }).click();
    await expect(page.locator('#username-error')).toContainText('valid e-mail');
    await expect(page.locator('#password-error')).toContainText('too short');
    await expect(page.locator('#passwordConfirm-error')).toContainText('do not match');
    expect(await sql('SELECT username FROM admin')).toHaveLength(0);

    await page.getByLabel('Superadmin e-mail address').fill(SUPERADMIN.username);
    await page.getByLabel('Password', { exact: true }).fill(SUPERADMIN.password);
    await page.getByLabel('Password again').fill(SUPERADMIN.password);
    await page.getByRole('button', { name: 'Create the superadmin' }).click();
    await expect(page).toHaveURL(/\/login\?setup=done/);
    await expect(page.getByText('Setup is complete')).toBeVisible();

    const admins = await sql<{ username: string; superadmin: number; password: string }>('SELECT username, superadmin, password FROM admin');
    expect(admins).toHaveLength(1);
    expect(admins[0]).toMatchObject({ username: SUPERADMIN.username, superadmin: 1 });
    expect(admins[0]?.password).toMatch(/^\{BLF-CRYPT\}\$2b\$/);
    expect(await sql("SELECT username FROM domain_admins WHERE domain = 'ALL'")).toEqual([{ username: SUPERADMIN.username }]);

    // closed for good: the page is gone, and a new token from the CLI is refused
    const res = await page.goto('/setup');
    expect(res?.status()).toBe(404);
    const { execFileSync } = await import('node:child_process');
    expect(execFileSync('npx', ['tsx', 'scripts/mailroom.ts', 'setup-token'], { encoding: 'utf8' })).toContain('Setup is complete');
  });
});
