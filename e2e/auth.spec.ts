import { expect, test } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import { SUPERADMIN } from './fixtures';

test.describe('[auth] login and sessions', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('[auth] wrong password and unknown user get the same neutral message', async ({ page }) => {
    await page.goto('/login');
    for (const [user, pass] of [[SUPERADMIN.username, 'wrong password'], ['nobody@mailroom.test', SUPERADMIN.password]] as const) {
      await page.getByLabel('E-mail address').fill(user);
      await page.getByLabel('Password').fill(pass);
      await page.getByRole('button', { name: 'Log in' }).click();
      await expect(page.locator('#login-error')).toHaveText('Wrong e-mail address or password.');
      await expect(page).toHaveURL(/\/login$/);
    }
  });

  test('[auth] an anonymous visitor is sent to the login page', async ({ page }) => {
    await page.goto('/domains/new');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('[auth] log in, then log out', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('E-mail address').fill(SUPERADMIN.username.toUpperCase());
    await page.getByLabel('Password').fill(SUPERADMIN.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect(page.getByTestId('current-admin')).toHaveText(SUPERADMIN.username);
    await page.getByRole('button', { name: 'Log out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/domains');
    await expect(page).toHaveURL(/\/login$/);
  });

  test('[auth] a session idle for longer than the limit has ended', async ({ page, context }) => {
    const now = Math.floor(Date.now() / 1000);
    const idle = { sub: SUPERADMIN.username, kind: 'admin' as const, loginAt: now - 3600, lastActivity: now - 31 * 60 };
    const value = await encode({ token: idle, secret: process.env.NEXTAUTH_SECRET ?? '' });
    await context.addCookies([{ name: 'next-auth.session-token', value, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    await page.goto('/domains');
    await expect(page).toHaveURL(/\/login\?expired=1$/);
    await expect(page.getByText('Your session ended after a period of inactivity')).toBeVisible();

    // the same token a minute after activity is still good
    const fresh = await encode({ token: { ...idle, lastActivity: now - 60 }, secret: process.env.NEXTAUTH_SECRET ?? '' });
    await context.addCookies([{ name: 'next-auth.session-token', value: fresh, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
    await page.goto('/domains');
    await expect(page.getByTestId('current-admin')).toHaveText(SUPERADMIN.username);
  });

  test('[auth] the interface speaks French', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: 'fr' }).click();
    await expect(page.getByRole('button', { name: 'Se connecter' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.getByRole('button', { name: 'en' }).click();
    await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();
  });
});
