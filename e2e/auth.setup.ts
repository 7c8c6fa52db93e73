import { expect, test as setup } from '@playwright/test';
import { SUPERADMIN } from './fixtures';

setup('[auth] superadmin logs in', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mail address').fill(SUPERADMIN.username);
  await page.getByLabel('Password').fill(SUPERADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/domains$/);
  await expect(page.getByTestId('current-admin')).toHaveText(SUPERADMIN.username);
  await page.context().storageState({ path: 'var/e2e/superadmin.json' });
});
