import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import mariadb from 'mariadb';
import { parseDatabaseUrl } from '../lib/db/connection';
import { ImapSession } from '../lib/mail/cyrus/imap-client';
import { str } from '../lib/mail/cyrus/imap-syntax';
import { logIn, seedDomain, seedDomainAdmin, sql } from './fixtures';

// A Cyrus-backed domain end to end, against a real Cyrus IMAP (scripts/cyrus, started here): the
// superadmin connects Mailroom to Cyrus (write-only admin password), stores a domain on Cyrus, a
// mailbox is created, provisioned from the Cyrus page, shows its quota bar, is deleted, and its
// orphan removed on Cyrus. Then the web-cyradm import page: dry run first, then the import.

const DOMAIN = 'cyrus-e2e.test';
const ADDRESS = `bob@${DOMAIN}`;
const ADMIN_PASSWORD = `e2e "cyrus" adm\\n pw`;
const IMAP_PORT = Number(process.env.CYRUS_IMAP_PORT ?? 10343);
const LMTP_PORT = Number(process.env.CYRUS_LMTP_PORT ?? 10324);
const SIEVE_PORT = Number(process.env.CYRUS_SIEVE_PORT ?? 14190);
const CYRUS = { host: '127.0.0.1', port: IMAP_PORT, tls: false, adminUser: 'cyrus', adminPassword: ADMIN_PASSWORD };
const env = { ...process.env, CYRUS_DIR: path.resolve('var/e2e/cyrus') };
const SETTINGS = ['cyrusConnection', 'cyrusAdminPassword', 'storageBackend'];

async function cyrusMailboxes(): Promise<string[]> {
  const session = await ImapSession.open(CYRUS);
  try {
    await session.login(CYRUS.adminUser, CYRUS.adminPassword);
    return (await session.run('LIST', [str(''), str(`user/*@${DOMAIN}`)])).data.map((d) => String(d[3])).sort();
  } finally {
    session.close();
  }
}

/** Delivers a message of about `size` bytes over Cyrus's LMTP (what Postfix does for this domain). */
async function deliver(to: string, size: number): Promise<void> {
  const socket = net.connect(LMTP_PORT, '127.0.0.1');
  let buffer = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => (buffer += chunk));
  const reply = async (): Promise<string> => {
    const deadline = Date.now() + 10_000;
    while (!/^\d{3} [^\r\n]*\r\n/m.test(buffer)) {
      if (Date.now() > deadline) throw new Error(`no LMTP reply: ${buffer}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const line = /^(\d{3}) [^\r\n]*\r\n/m.exec(buffer)?.[0] ?? '';
    buffer = buffer.slice(buffer.indexOf(line) + line.length);
    return line;
  };
  const send = async (line: string) => {
    socket.write(`${line}\r\n`);
    return reply();
  };
  await reply();
  await send('LHLO e2e.test');
  await send('MAIL FROM:<e2e@elsewhere.test>');
  expect(await send(`RCPT TO:<${to}>`)).toMatch(/^250/);
  expect(await send('DATA')).toMatch(/^354/);
  const body = Array.from({ length: Math.ceil(size / 76) }, () => 'x'.repeat(74)).join('\r\n');
  expect(await send(`Subject: e2e\r\nFrom: <e2e@elsewhere.test>\r\n\r\n${body}\r\n.`)).toMatch(/^250/);
  socket.end('QUIT\r\n');
}

test.describe.serial('[cyrus] a Cyrus-backed domain', () => {
  test.beforeAll(() => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-cyrus-')), 'pw');
    writeFileSync(file, `${ADMIN_PASSWORD}\n`, { mode: 0o600 });
    execFileSync('bash', ['scripts/cyrus/start.sh', '--admin-password-file', file, '--fresh'], { env, stdio: 'pipe', timeout: 180_000 });
  });

  test.afterAll(async () => {
    execFileSync('bash', ['scripts/cyrus/stop.sh'], { env, stdio: 'pipe' });
    await sql('DELETE FROM alias WHERE domain = ?', [DOMAIN]);
    await sql('DELETE FROM mailbox WHERE domain = ?', [DOMAIN]);
    await sql('DELETE FROM mailroom_domain_storage WHERE domain = ?', [DOMAIN]);
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
    await page.getByLabel('IMAP port').fill(String(IMAP_PORT));
    await page.getByLabel('Admin name').fill('cyrus');
    await page.getByLabel('Admin password').fill(ADMIN_PASSWORD);
    await page.getByLabel('Quota warning level (%)').fill('2');
    await page.getByLabel('Sieve port (timsieved)').fill('65536');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.locator('#sievePort-error')).toHaveText('Enter a port from 1 to 65535.');
    expect(await sql("SELECT name FROM mailroom_setting WHERE name = 'cyrusConnection'")).toEqual([]);
    await page.getByLabel('Sieve port (timsieved)').fill(String(SIEVE_PORT));
    await page.getByLabel('Admin password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('Saved. Mailroom logged in to Cyrus as its admin.');
    const [connection] = await sql<{ value: string }>("SELECT value FROM mailroom_setting WHERE name = 'cyrusConnection'");
    expect(JSON.parse(connection?.value ?? '{}')).toMatchObject({ port: IMAP_PORT, sievePort: SIEVE_PORT });
    const [stored] = await sql<{ value: string }>("SELECT value FROM mailroom_setting WHERE name = 'cyrusAdminPassword'");
    expect(JSON.parse(stored?.value ?? '""')).toBe(ADMIN_PASSWORD);

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

  test('[cyrus] a mailbox is created, provisioned on Cyrus, shows its quota bar, and is deleted on both sides', async ({ page }) => {
    await page.goto(`/domains/${DOMAIN}/mailboxes/new`);
    await page.getByLabel('Address', { exact: true }).fill('bob');
    await page.getByLabel('Password', { exact: true }).fill('bob e2e password');
    await page.getByLabel('Password (again)').fill('bob e2e password');
    await page.getByLabel('Quota (MiB)').fill('10');
    await page.getByRole('button', { name: 'Create the mailbox' }).click();
    await expect(page).toHaveURL(new RegExp(`/domains/${DOMAIN}/mailboxes\\?created=1$`));
    await expect(page.getByTestId(`cyrus-quota-${ADDRESS}`)).toHaveText('not on Cyrus');

    await page.goto('/cyrus');
    await expect(page.getByTestId(`missing-${ADDRESS}`)).toContainText('10 MiB');
    await page.getByRole('button', { name: 'Create missing on Cyrus' }).click();
    await expect(page.getByRole('status')).toHaveText('The missing mailboxes were created on Cyrus.');
    await expect(page.getByTestId('missing-none')).toBeVisible();
    expect(await cyrusMailboxes()).toEqual([`user/bob/Sent@${DOMAIN}`, `user/bob/Trash@${DOMAIN}`, `user/${ADDRESS}`]);
    expect(await sql("SELECT data FROM log WHERE action = 'cyrus_create_mailbox' AND domain = ?", [DOMAIN])).toEqual([{ data: ADDRESS }]);

    await deliver(ADDRESS, 400_000);
    await page.goto(`/domains/${DOMAIN}/mailboxes`);
    const cell = page.getByTestId(`cyrus-quota-${ADDRESS}`);
    await expect(cell).toContainText('of 10 MiB');
    const bar = cell.getByRole('progressbar', { name: `Quota of ${ADDRESS}` });
    await expect(bar).toHaveAttribute('aria-valuenow', '3');
    await expect(bar).toHaveAttribute('data-level', 'warn'); // over the 2 % warning level set above

    await page.goto(`/domains/${DOMAIN}/mailboxes/${ADDRESS}/delete`);
    await page.getByRole('button', { name: 'Delete the mailbox' }).click();
    await expect(page).toHaveURL(new RegExp(`/domains/${DOMAIN}/mailboxes\\?deleted=1$`));

    await page.goto('/cyrus');
    await expect(page.getByTestId(`orphan-${ADDRESS}`)).toContainText('can be adopted');
    await page.getByRole('button', { name: 'Delete on Cyrus' }).click();
    await expect(page.getByText('Tick the box to confirm the deletion.')).toBeVisible();
    expect(await cyrusMailboxes()).toHaveLength(3);
    await page.getByLabel('I understand that these mailboxes and all their mail are deleted on Cyrus.').check();
    await page.getByRole('button', { name: 'Delete on Cyrus' }).click();
    await expect(page.getByRole('status')).toHaveText('The orphan mailboxes were deleted on Cyrus.');
    await expect(page.getByTestId('orphans-none')).toBeVisible();
    expect(await cyrusMailboxes()).toEqual([]);
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
