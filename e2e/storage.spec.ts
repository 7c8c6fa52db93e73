import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { detectScheme, hashPassword } from '../lib/passwords/hash';
import { seedDomain, seedMailbox, sql } from './fixtures';

// Storage seen from the browser: the superadmin's storage settings, a mailbox whose Maildir job is
// done (and the Maildir on disk, checked here with lstat), a failed job retried, the domain's usage
// bar, the password scheme counts and the generated Postfix/Dovecot files with their downloads.

const root = path.resolve('var/e2e/storage');
const BASE = path.join(root, 'vmail');
const ARCHIVE = path.join(root, 'archive');
const DOMAIN = 'storage.test';
const STORAGE_SETTINGS = ['mailBasePath', 'archivePath', 'deletePolicy', 'vmailUid', 'vmailGid', 'vmailUser', 'storageRunsHere', 'passwordScheme', 'mailDbHost', 'mailDbPort', 'mailDbUser'];
const dbName = new URL(process.env.DATABASE_URL ?? 'mysql://x@y/none').pathname.slice(1);

const setting = async (name: string) => (await sql<{ value: string }>('SELECT value FROM mailroom_setting WHERE name = ?', [name]))[0]?.value;
const stat = (p: string) => {
  const st = lstatSync(p);
  return { dir: st.isDirectory(), mode: (st.mode & 0o777).toString(8), uid: st.uid, gid: st.gid };
};
const VMAIL_DIR = { dir: true, mode: '700', uid: 5000, gid: 5000 };

async function createMailbox(page: Page, local: string) {
  await page.goto(`/domains/${DOMAIN}/mailboxes/new`);
  await page.getByLabel('Address', { exact: true }).fill(local);
  await page.getByLabel('Password', { exact: true }).fill('storage mailbox password');
  await page.getByLabel('Password (again)').fill('storage mailbox password');
  await page.getByRole('button', { name: 'Create the mailbox' }).click();
  await expect(page.getByRole('status')).toHaveText('The mailbox was created.');
  await page.goto(`/domains/${DOMAIN}/mailboxes/${encodeURIComponent(`${local}@${DOMAIN}`)}`);
}

test.describe.serial('[storage] Maildirs, storage settings and mail server files', () => {
  test.beforeAll(async () => {
    rmSync(root, { recursive: true, force: true });
    mkdirSync(BASE, { recursive: true });
    mkdirSync(ARCHIVE, { recursive: true });
    await seedDomain(DOMAIN);
  });

  test.afterAll(async () => {
    await sql(`DELETE FROM mailroom_setting WHERE name IN (${STORAGE_SETTINGS.map(() => '?').join(', ')})`, STORAGE_SETTINGS);
    for (const table of ['quota2', 'alias', 'mailbox']) await sql(`DELETE FROM ${table} WHERE ${table === 'quota2' ? 'username' : 'domain'} LIKE ?`, [`%${DOMAIN}`]);
    await sql("DELETE FROM mailbox WHERE domain = 'schemes.test'");
    await sql('DELETE FROM mailroom_job WHERE domain = ?', [DOMAIN]);
    await sql("DELETE FROM domain WHERE domain IN (?, 'schemes.test')", [DOMAIN]);
    rmSync(root, { recursive: true, force: true });
  });

  test('[storage] bad storage settings are refused next to the field and save nothing', async ({ page }) => {
    await page.goto('/settings');
    await page.getByLabel('Mail base path').fill(BASE);
    await page.getByLabel('Archive path', { exact: true }).fill(path.join(BASE, 'archive'));
    await page.getByLabel('Database host').fill("db'; DROP TABLE mailbox;--");
    await page.getByLabel('vmail user id (uid)').fill('0');
    await page.getByRole('button', { name: 'Save the storage settings' }).click();
    await expect(page.locator('#archivePath-error')).toHaveText('The archive path must be outside the mail base (and not contain it).');
    await expect(page.locator('#mailDbHost-error')).toHaveText('Enter a host name, an IP address or an absolute socket path.');
    await expect(page.locator('#vmailUid-error')).toHaveText('Enter a number from 1 (never root).');
    await expect(page.getByLabel('Database host')).toHaveValue("db'; DROP TABLE mailbox;--");
    expect(await setting('mailBasePath')).toBeUndefined();
  });

  test('[storage] the superadmin sets the storage settings', async ({ page }) => {
    await page.goto('/settings');
    await page.getByLabel('Mail base path').fill(`${BASE}/`);
    await page.getByLabel('vmail user id (uid)').fill('5000');
    await page.getByLabel('vmail group id (gid)').fill('5000');
    await page.getByLabel('vmail user name').fill('vmail');
    await page.getByLabel('archived: moved to the archive path').check();
    await page.getByLabel('Archive path', { exact: true }).fill(ARCHIVE);
    await page.getByLabel('This server is the mail host').check();
    await page.getByLabel('Scheme of new password hashes').selectOption('SHA512-CRYPT');
    await page.getByLabel('Database host').fill('db.mail.test');
    await page.getByLabel('Port', { exact: true }).fill('3307');
    await page.getByLabel('Read-only user').fill('ro_mail');
    await page.getByRole('button', { name: 'Save the storage settings' }).click();
    await expect(page.getByRole('status')).toHaveText('The storage settings were saved.');
    expect(await setting('mailBasePath')).toBe(JSON.stringify(BASE));
    expect(await setting('archivePath')).toBe(JSON.stringify(ARCHIVE));
    expect(await setting('storageRunsHere')).toBe('true');
    expect(await setting('deletePolicy')).toBe('"archive"');
    expect(await setting('passwordScheme')).toBe('"SHA512-CRYPT"');
    expect(await setting('mailDbPort')).toBe('3307');
    await page.reload();
    await expect(page.getByLabel('Mail base path')).toHaveValue(BASE);
    await expect(page.getByLabel('This server is the mail host')).toBeChecked();
  });

  test('[storage] a mailbox created in the UI shows its job done; its Maildir is there, 0700, owned by vmail', async ({ page }) => {
    await createMailbox(page, 'alice');
    const storage = page.getByRole('region', { name: 'Storage' });
    await expect(storage).toContainText('Mailroom does the Maildir work on this server');
    await expect(storage.getByRole('listitem')).toHaveCount(1);
    await expect(storage.getByRole('listitem')).toContainText('Create the Maildir');
    await expect(storage.getByRole('listitem')).toContainText('Done');
    for (const dir of [path.join(BASE, DOMAIN), path.join(BASE, DOMAIN, 'alice'), ...['cur', 'new', 'tmp'].map((s) => path.join(BASE, DOMAIN, 'alice', s))]) {
      expect(stat(dir), dir).toEqual(VMAIL_DIR);
    }
    expect(await sql("SELECT state, attempts FROM mailroom_job WHERE target = 'alice@storage.test'")).toEqual([{ state: 'done', attempts: 1 }]);
    const [row] = await sql<{ password: string }>("SELECT password FROM mailbox WHERE username = 'alice@storage.test'");
    expect(row?.password).toMatch(/^\{SHA512-CRYPT\}\$6\$/); // the configured scheme
  });

  test('[storage] a failed job shows its reason; the retry button runs it again once the cause is fixed', async ({ page }) => {
    renameSync(BASE, `${BASE}.away`);
    try {
      await createMailbox(page, 'bob');
      const job = page.getByRole('region', { name: 'Storage' }).getByRole('listitem');
      await expect(job).toContainText('Pending');
      await expect(job).toContainText(`Attempt 1 failed: The mail base path ${BASE} does not exist`);
    } finally {
      renameSync(`${BASE}.away`, BASE);
    }
    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect(page.getByRole('region', { name: 'Storage' }).getByRole('listitem')).toContainText('Done');
    await expect(page.getByRole('button', { name: 'Retry now' })).toHaveCount(0);
    expect(stat(path.join(BASE, DOMAIN, 'bob', 'new'))).toEqual(VMAIL_DIR);
    expect(await sql("SELECT data FROM log WHERE domain = ? AND data LIKE '%retried'", [DOMAIN])).toHaveLength(1);
  });

  test('[storage] a job that falls due later is run by the server itself (its storage worker), without a click', async ({ page }) => {
    renameSync(BASE, `${BASE}.away`);
    try {
      await createMailbox(page, 'carol');
      await expect(page.getByRole('region', { name: 'Storage' }).getByRole('listitem')).toContainText('Attempt 1 failed');
    } finally {
      renameSync(`${BASE}.away`, BASE);
    }
    await sql("UPDATE mailroom_job SET run_after = NOW(3) WHERE target = 'carol@storage.test'"); // its backoff has passed
    await expect.poll(async () => (await sql<{ state: string }>("SELECT state FROM mailroom_job WHERE target = 'carol@storage.test'"))[0]?.state, { timeout: 30_000 }).toBe('done');
    expect(stat(path.join(BASE, DOMAIN, 'carol', 'cur'))).toEqual(VMAIL_DIR);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Storage' }).getByRole('listitem')).toContainText('Done');
  });

  test("[storage] the domain page shows its mailboxes' usage against the domain quota and the allocation", async ({ page }) => {
    await sql('UPDATE domain SET quota = 10 WHERE domain = ?', [DOMAIN]);
    await sql("UPDATE mailbox SET quota = 4096000 WHERE username = 'alice@storage.test'");
    await sql("REPLACE INTO quota2 (username, bytes, messages) VALUES ('alice@storage.test', 1536000, 3), ('bob@storage.test', 512000, 1)");
    await page.goto(`/domains/${DOMAIN}`);
    const usage = page.getByTestId('domain-storage-usage');
    await expect(usage).toContainText('2 of 10 MB used; 4 MB allocated to mailboxes');
    await expect(usage.getByRole('progressbar', { name: `Storage used by ${DOMAIN}` })).toHaveAttribute('aria-valuenow', '20');
  });

  test('[storage] deleting the mailbox archives its Maildir with a timestamped name', async ({ page }) => {
    await page.goto(`/domains/${DOMAIN}/mailboxes/${encodeURIComponent(`bob@${DOMAIN}`)}`);
    await page.getByRole('link', { name: 'Delete' }).click();
    await page.getByRole('button', { name: 'Delete the mailbox' }).click();
    await expect(page.getByRole('status')).toHaveText('The mailbox was deleted.');
    expect(readdirSync(path.join(BASE, DOMAIN)).sort()).toEqual(['alice', 'carol']);
    expect(readdirSync(path.join(ARCHIVE, DOMAIN))).toEqual([expect.stringMatching(/^bob-\d{8}T\d{6}Z$/)]);
  });

  test('[storage] the password schemes page counts the stored hashes per scheme', async ({ page }) => {
    await seedDomain('schemes.test');
    await seedMailbox('md5@schemes.test', await hashPassword('pw 1', 'MD5-CRYPT'));
    await seedMailbox('md5b@schemes.test', '$1$abcdefgh$0123456789abcdefghijkl');
    await seedMailbox('des@schemes.test', 'abJnggxhB/yWI');
    await seedMailbox('plain@schemes.test', '{PLAIN}secret');
    await seedMailbox('odd@schemes.test', '{SSHA}whatever');
    const expected = new Map<string, { mailboxes: number; admins: number }>();
    for (const [table, field] of [['mailbox', 'mailboxes'], ['admin', 'admins']] as const) {
      for (const { password } of await sql<{ password: string }>(`SELECT password FROM ${table}`)) {
        const scheme = detectScheme(password);
        const entry = expected.get(scheme) ?? { mailboxes: 0, admins: 0 };
        entry[field]++;
        expected.set(scheme, entry);
      }
    }
    expect(expected.get('MD5-CRYPT')?.mailboxes).toBeGreaterThanOrEqual(2);
    await page.goto('/password-schemes');
    await expect(page.getByRole('heading', { name: 'Password schemes in use' })).toBeVisible();
    for (const scheme of ['BLF-CRYPT', 'SHA512-CRYPT', 'SHA256-CRYPT', 'MD5-CRYPT', 'DES-CRYPT', 'PLAIN-MD5', 'PLAIN', 'UNKNOWN']) {
      const cells = page.getByTestId(`scheme-${scheme}`).getByRole('cell');
      const want = expected.get(scheme) ?? { mailboxes: 0, admins: 0 };
      await expect(cells.nth(1), `${scheme} mailboxes`).toHaveText(String(want.mailboxes));
      await expect(cells.nth(2), `${scheme} admins`).toHaveText(String(want.admins));
    }
    await expect(page.getByTestId('scheme-SHA512-CRYPT')).toContainText('new hashes');
    await expect(page.getByTestId('scheme-MD5-CRYPT')).toContainText('weak');
  });

  test('[storage] the configuration page shows the maps with the configured values and offers downloads', async ({ page }) => {
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Postfix and Dovecot configuration' }).click();
    await expect(page).toHaveURL(/\/mail-config$/);
    const map = page.getByTestId('config-file-mysql_virtual_mailbox_maps.cf');
    await expect(map).toContainText('hosts = inet:db.mail.test:3307');
    await expect(map).toContainText('user = ro_mail');
    await expect(map).toContainText(`dbname = ${dbName}`);
    await expect(map).toContainText('password = READ-ONLY-USER-PASSWORD');
    await expect(map).toContainText("query = SELECT maildir FROM mailbox WHERE username='%s' AND active = '1'");
    const mainCf = page.getByTestId('config-file-main.cf.mailroom');
    await expect(mainCf).toContainText(`virtual_mailbox_base = ${BASE}`);
    await expect(mainCf).toContainText('virtual_uid_maps = static:5000');
    await expect(page.getByTestId('config-file-dovecot-sql.conf.ext')).toContainText(`CONCAT('${BASE}/', maildir) AS home, 5000 AS uid, 5000 AS gid`);

    // a password the Dovecot files cannot hold is explained, and the files keep the placeholder
    await page.getByLabel('Password of the read-only account').fill('two words');
    await expect(page.locator('#dbPassword-error')).toContainText('Dovecot splits its connect string at spaces');
    await expect(map).toContainText('password = READ-ONLY-USER-PASSWORD');

    const secret = `S3cret#"'\\x`;
    await page.getByLabel('Password of the read-only account').fill(secret);
    await expect(page.locator('#dbPassword-error')).toBeEmpty();
    await expect(map).toContainText(`password = ${secret}`);
    const download = async (name: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Download ${name}` }).click()]);
      expect(file.suggestedFilename()).toBe(name);
      return readFileSync(await file.path(), 'utf8');
    };
    const mapFile = await download('mysql_virtual_mailbox_maps.cf');
    expect(mapFile).toContain(`password = ${secret}\n`);
    expect(mapFile).toContain('hosts = inet:db.mail.test:3307\n');
    const grant = await download('mailroom-grant.sql');
    expect(grant).toContain(`CREATE USER IF NOT EXISTS 'ro_mail'@'%' IDENTIFIED BY 'S3cret#"''\\\\x';`);
    expect(grant).toContain(`GRANT SELECT ON \`${dbName}\`.\`mailbox\` TO 'ro_mail'@'%';`);
    expect(await download('dovecot-sql.conf.ext')).toContain('password=S3cret#\\"\'\\\\x"');
    // the password is never sent to the server
    expect(await sql("SELECT name FROM mailroom_setting WHERE value LIKE '%S3cret%'")).toEqual([]);
  });
});
