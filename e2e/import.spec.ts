import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import mariadb from 'mariadb';
import { parseDatabaseUrl } from '../lib/db/connection';
import { sql } from './fixtures';

// The web-cyradm import page (superadmin): a dry run first, then the import, from a web-cyradm
// database made here from web-cyradm's own create_mysql.sql.

test.describe.serial('[import] web-cyradm import page', () => {
  const WC_DOMAIN = 'wc-e2e.test';
  let sourceUrl = '';
  let dbName = '';

  test.beforeAll(async () => {
    const { connectionLimit: _unused, ...options } = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
    dbName = `wc_e2e_${Date.now()}`;
    const conn = await mariadb.createConnection({ ...options, database: undefined, multipleStatements: true });
    try {
      await conn.query(`CREATE DATABASE \`${dbName}\``);
      await conn.query(`USE \`${dbName}\``);
      await conn.query(readFileSync('tests/integration/fixtures/web-cyradm/create_mysql.sql', 'utf8'));
      await conn.query(`
        INSERT INTO domain (domain_name, prefix, maxaccounts, quota, folders) VALUES ('${WC_DOMAIN}', '${WC_DOMAIN}', 10, 5000, 'Sent');
        INSERT INTO accountuser (username, password, domain_name) VALUES ('ann@${WC_DOMAIN}', ENCRYPT('ann-secret', 'an'), '${WC_DOMAIN}'), ('leg0001', 'x', '${WC_DOMAIN}');
        INSERT INTO virtual (alias, dest, username) VALUES ('ann@${WC_DOMAIN}', 'ann@${WC_DOMAIN}', 'ann@${WC_DOMAIN}'), ('hello@${WC_DOMAIN}', 'ann@${WC_DOMAIN}', '${WC_DOMAIN}');`);
    } finally {
      await conn.end();
    }
    const u = new URL(process.env.DATABASE_URL ?? '');
    u.pathname = `/${dbName}`;
    sourceUrl = u.toString();
  });

  test.afterAll(async () => {
    await sql('DELETE FROM alias WHERE domain = ?', [WC_DOMAIN]);
    await sql('DELETE FROM mailbox WHERE domain = ?', [WC_DOMAIN]);
    await sql('DELETE FROM mailroom_domain_storage WHERE domain = ?', [WC_DOMAIN]);
    await sql('DELETE FROM domain WHERE domain = ?', [WC_DOMAIN]);
    await sql(`DROP DATABASE IF EXISTS \`${dbName}\``);
  });

  test('[import] the superadmin runs a dry run first, then imports', async ({ page }) => {
    const url = new URL(sourceUrl);
    const password = decodeURIComponent(url.password);
    url.password = '';
    await page.goto('/import');
    await expect(page.getByRole('button', { name: 'Import', exact: true })).toHaveCount(0);
    await page.getByLabel('web-cyradm database URL').fill('http://not-a-database');
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect(page.getByText('Enter a URL such as mysql://')).toBeVisible();

    await page.getByLabel('web-cyradm database URL').fill(url.toString());
    await page.getByLabel('Database password').fill(password);
    await page.getByRole('button', { name: 'Dry run' }).click();
    await expect(page.getByRole('status')).toHaveText('Dry run: this is what the import would do. Nothing was changed.');
    await expect(page.getByTestId('import-counts')).toContainText('1 domain');
    await expect(page.getByTestId('import-counts')).toContainText('1 mailbox');
    await expect(page.getByTestId('import-skipped')).toContainText('Account leg0001: the username is not an address of its domain');
    expect(await sql('SELECT domain FROM domain WHERE domain = ?', [WC_DOMAIN])).toEqual([]);

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Imported. Everything listed below was created.');
    expect(await sql('SELECT domain, mailboxes, maxquota FROM domain WHERE domain = ?', [WC_DOMAIN])).toEqual([{ domain: WC_DOMAIN, mailboxes: 10, maxquota: 5n }]);
    expect(await sql('SELECT address, goto FROM alias WHERE domain = ? ORDER BY address', [WC_DOMAIN])).toEqual([
      { address: `ann@${WC_DOMAIN}`, goto: `ann@${WC_DOMAIN}` },
      { address: `hello@${WC_DOMAIN}`, goto: `ann@${WC_DOMAIN}` },
    ]);
    expect(await sql('SELECT backend, folders FROM mailroom_domain_storage WHERE domain = ?', [WC_DOMAIN])).toEqual([{ backend: 'cyrus', folders: 'Sent' }]);
  });
});
