import { expect, test, type Page } from '@playwright/test';
import { logIn, seedDomain, seedDomainAdmin, sql } from './fixtures';
import { expectPageLinks, expectShown, keys } from './pagination';

const ADMIN = { username: 'aliases-admin@mailroom.test', password: 'aliases admin password' };
const MINE = 'ali.example';
const SECOND = 'ali-second.example';
const FOREIGN = 'ali-foreign.example';
const DOMAINS = [MINE, SECOND, FOREIGN];

/** A mailbox row and its self alias, as the mailbox pages (built elsewhere) would write them. */
async function seedMailbox(username: string): Promise<void> {
  const [localPart, domain] = username.split('@');
  await sql("INSERT INTO mailbox (username, password, name, maildir, local_part, domain, active, created, modified) VALUES (?, 'x', '', ?, ?, ?, 1, NOW(), NOW())", [username, `${domain}/${localPart}/`, localPart, domain]);
  await sql('INSERT INTO alias (address, goto, domain, active, created, modified) VALUES (?, ?, ?, 1, NOW(), NOW())', [username, username, domain]);
}

async function cleanUp(): Promise<void> {
  const list = DOMAINS.map(() => '?').join(',');
  await sql(`DELETE FROM alias WHERE domain IN (${list})`, DOMAINS);
  await sql(`DELETE FROM mailbox WHERE domain IN (${list})`, DOMAINS);
  await sql(`DELETE FROM alias_domain WHERE alias_domain IN (${list}) OR target_domain IN (${list})`, [...DOMAINS, ...DOMAINS]);
  await sql(`DELETE FROM log WHERE domain IN (${list})`, DOMAINS);
  await sql('DELETE FROM domain_admins WHERE username = ?', [ADMIN.username]);
  await sql('DELETE FROM admin WHERE username = ?', [ADMIN.username]);
  await sql(`DELETE FROM domain WHERE domain IN (${list})`, DOMAINS);
}

const aliasRows = () => sql<{ address: string; goto: string; active: number }>(`SELECT address, goto, active FROM alias WHERE domain = ? ORDER BY address`, [MINE]);

test.describe.serial('[alias] a domain admin manages aliases, forwards and alias domains', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test.beforeAll(async () => {
    await cleanUp();
    for (const d of DOMAINS) await seedDomain(d);
    await seedDomainAdmin(ADMIN.username, ADMIN.password, [MINE, SECOND]);
    await seedMailbox(`box@${MINE}`);
    await seedMailbox(`spy@${FOREIGN}`);
    await sql("INSERT INTO alias (address, goto, domain, active, created, modified) VALUES (?, ?, ?, 1, NOW(), NOW())", [`secret@${FOREIGN}`, `spy@${FOREIGN}`, FOREIGN]);
  });
  // leave the shared e2e database as other specs expect it
  test.afterAll(cleanUp);

  test.beforeEach(async ({ page }) => {
    await logIn(page, ADMIN.username, ADMIN.password);
  });

  async function newAlias(page: Page, localPart: string, destinations: string) {
    await page.goto(`/domains/${MINE}/aliases/new`);
    await page.getByLabel('Address', { exact: true }).fill(localPart);
    await page.getByLabel('Destinations').fill(destinations);
    await page.getByRole('button', { name: 'Create the alias' }).click();
  }

  test('[alias] create an alias with two destinations; it is listed', async ({ page }) => {
    await page.goto(`/domains/${MINE}`);
    await page.getByRole('link', { name: 'Aliases' }).click();
    await page.getByRole('link', { name: 'New alias' }).click();
    await page.getByLabel('Address', { exact: true }).fill('Team');
    await page.getByLabel('Destinations').fill(` box@${MINE}\n\nFriend@Example.NET\n`);
    await page.getByRole('button', { name: 'Create the alias' }).click();
    await expect(page.getByRole('status')).toHaveText(`The alias team@${MINE} was created.`);
    const row = page.getByTestId(`alias-row-team@${MINE}`);
    await expect(row).toContainText(`box@${MINE}`);
    await expect(row).toContainText('friend@example.net');
    expect(await aliasRows()).toEqual([
      { address: `box@${MINE}`, goto: `box@${MINE}`, active: 1 },
      { address: `team@${MINE}`, goto: `box@${MINE},friend@example.net`, active: 1 },
    ]);
    expect(await sql('SELECT action, data FROM log WHERE domain = ?', [MINE])).toEqual([{ action: 'create_alias', data: `team@${MINE} -> box@${MINE},friend@example.net` }]);
  });

  test('[alias] a bad line, a missing local target and a loop get a message and write nothing', async ({ page }) => {
    await newAlias(page, 'bad', `box@${MINE}\nnot an address\n<script>alert(1)</script>@x.example`);
    await expect(page.locator('#goto-error')).toContainText('Line 2 (“not an address”): this is not an e-mail address (no @).');
    await expect(page.locator('#goto-error')).toContainText('Line 3 (“<script>alert(1)</script>@x.example”): the part before the @ is not valid.');
    await expect(page.getByLabel('Destinations')).toHaveValue(`box@${MINE}\nnot an address\n<script>alert(1)</script>@x.example`);

    await newAlias(page, 'typo', `box@${MINE}\nghost@${MINE}`);
    await expect(page.locator('#goto-error')).toHaveText(`This address does not exist here: ghost@${MINE}. Mail to it would bounce.`);

    await newAlias(page, 'back', `team@${MINE}`);
    await expect(page.getByRole('status')).toHaveText(`The alias back@${MINE} was created.`);
    const before = await aliasRows();
    await page.getByRole('link', { name: `team@${MINE}` }).click();
    await page.getByLabel('Destinations').fill(`back@${MINE}`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#goto-error')).toHaveText(`Mail would go round in circles (team@${MINE} → back@${MINE} → team@${MINE}); Postfix would hold it back.`);
    expect(await aliasRows()).toEqual(before);
    expect(await sql('SELECT address FROM alias WHERE address IN (?, ?)', [`bad@${MINE}`, `typo@${MINE}`])).toEqual([]);
  });

  test('[forward] a forward keeping a copy is stored as PostfixAdmin does', async ({ page }) => {
    await page.goto(`/domains/${MINE}/mailboxes/${encodeURIComponent(`box@${MINE}`)}/forward`);
    await expect(page.getByTestId('forward-current')).toContainText('No forwarding');
    await page.getByLabel('Forward to').fill('far@example.net');
    await expect(page.getByLabel('Keep a copy in the mailbox')).toBeChecked();
    await page.getByRole('button', { name: 'Save the forwarding' }).click();
    await expect(page.getByRole('status')).toHaveText('The forwarding was saved.');
    expect(await sql("SELECT goto FROM alias WHERE address = ? AND active = '1'", [`box@${MINE}`])).toEqual([{ goto: `far@example.net,box@${MINE}` }]);
    expect(await sql("SELECT data FROM log WHERE domain = ? AND action = 'edit_alias'", [MINE])).toEqual([{ data: `box@${MINE}: goto: box@${MINE} -> far@example.net,box@${MINE}` }]);
    await page.goto(`/domains/${MINE}/mailboxes/box/forward`);
    await expect(page.getByTestId('forward-current')).toHaveText('Now: Forwarded to far@example.net, with a copy kept in the mailbox.');
  });

  test('[alias-domain] another domain becomes an alias of this one', async ({ page }) => {
    await page.goto(`/domains/${MINE}/alias-domains`);
    await page.getByLabel('Other domain', { exact: true }).fill(MINE);
    await page.getByRole('button', { name: 'Add the alias domain' }).click();
    await expect(page.locator('#other-error')).toHaveText('A domain cannot be an alias of itself.');
    await page.getByLabel('Other domain', { exact: true }).fill(FOREIGN);
    await page.getByRole('button', { name: 'Add the alias domain' }).click();
    await expect(page.locator('#other-error')).toHaveText('Enter a domain of this server that you manage.');
    expect(await sql('SELECT alias_domain FROM alias_domain WHERE target_domain = ?', [MINE])).toEqual([]);
    await page.getByLabel('Other domain', { exact: true }).fill(SECOND);
    await page.getByRole('button', { name: 'Add the alias domain' }).click();
    await expect(page.getByRole('status')).toHaveText('The alias domain was added.');
    await expect(page.getByTestId(`alias-domain-row-${SECOND}`)).toContainText(MINE);
    expect(await sql('SELECT alias_domain, target_domain, active FROM alias_domain WHERE target_domain = ?', [MINE])).toEqual([{ alias_domain: SECOND, target_domain: MINE, active: 1 }]);
    expect(await sql("SELECT data FROM log WHERE domain = ? AND action = 'create_alias_domain'", [SECOND])).toEqual([{ data: `${SECOND} -> ${MINE}` }]);
  });

  test('[trace] trace an address through the alias domain, the alias and the forward, step by step', async ({ page }) => {
    await page.goto('/trace');
    await page.getByLabel('Address').fill(`Team@${SECOND}`);
    await page.getByRole('button', { name: 'Trace' }).click();
    await expect(page.getByTestId('trace-reception')).toContainText(`${SECOND} is hosted here and the address is known`);
    const steps = page.getByTestId('trace-step');
    // team@second -> (alias domain) box@mine, friend@; box@mine -> far@, box@mine (itself: delivered)
    await expect(steps).toHaveCount(5);
    expect(await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-address')))).toEqual([
      `team@${SECOND}`,
      `box@${MINE}`,
      'far@example.net',
      `box@${MINE}`,
      'friend@example.net',
    ]);
    await expect(steps.first()).toContainText(`${SECOND} is an alias domain of ${MINE}.`);
    await expect(steps.first().locator('[data-match="aliasDomain"]')).toContainText(`box@${MINE}, friend@example.net`);
    await expect(page.locator(`[data-testid="trace-step"][data-address="box@${MINE}"] [data-stop="self"]`)).toHaveCount(1);
    await steps.first().getByText(/Postfix queries/).first().click();
    await expect(steps.first().locator('[data-map="virtual_alias_domain_maps"]').first()).toContainText(`alias_domain.alias_domain = '${SECOND}' AND alias.address = CONCAT('team', '@', alias_domain.target_domain)`);
    await expect(page.getByTestId('trace-recipient')).toHaveCount(1);
    await expect(page.getByTestId('trace-recipient')).toContainText(`Delivered to the mailbox box@${MINE}`);
    await expect(page.getByText('2 more recipients outside the domains you manage.')).toBeVisible();
  });

  test('[alias] deactivate, then delete after confirming', async ({ page }) => {
    await page.goto(`/domains/${MINE}/aliases/${encodeURIComponent(`back@${MINE}`)}`);
    await page.getByRole('button', { name: 'Deactivate' }).click();
    await expect(page.getByText('inactive', { exact: true })).toBeVisible();
    expect(await sql('SELECT active FROM alias WHERE address = ?', [`back@${MINE}`])).toEqual([{ active: 0 }]);
    await page.getByRole('link', { name: 'Delete' }).click();
    await expect(page.getByTestId('delete-destinations')).toHaveText(`team@${MINE}`);
    expect(await sql('SELECT address FROM alias WHERE address = ?', [`back@${MINE}`])).toHaveLength(1);
    await page.getByRole('button', { name: 'Delete the alias' }).click();
    await expect(page.getByRole('status')).toHaveText(`The alias back@${MINE} was deleted.`);
    expect(await sql('SELECT address FROM alias WHERE address = ?', [`back@${MINE}`])).toEqual([]);
    expect(await sql("SELECT action, data FROM log WHERE domain = ? AND action IN ('edit_alias_state', 'delete_alias') ORDER BY id", [MINE])).toEqual([
      { action: 'edit_alias_state', data: `back@${MINE}: active -> inactive` },
      { action: 'delete_alias', data: `back@${MINE} (was -> team@${MINE})` },
    ]);
  });

  test('[alias] domain admin cannot reach a foreign domain’s aliases nor trace into it', async ({ page }) => {
    for (const path of [`/domains/${FOREIGN}/aliases`, `/domains/${FOREIGN}/aliases/new`, `/domains/${FOREIGN}/aliases/${encodeURIComponent(`secret@${FOREIGN}`)}`, `/domains/${FOREIGN}/alias-domains`, `/domains/${MINE}/mailboxes/${encodeURIComponent(`spy@${FOREIGN}`)}/forward`, `/domains/${FOREIGN}/mailboxes/spy/forward`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    }
    await page.goto('/trace');
    await page.getByLabel('Address').fill(`secret@${FOREIGN}`);
    await page.getByRole('button', { name: 'Trace' }).click();
    await expect(page.getByTestId('trace-not-managed')).toHaveText(`secret@${FOREIGN} is not in a domain you manage.`);
    await expect(page.getByTestId('trace-step')).toHaveCount(0);
    await expect(page.getByText(`spy@${FOREIGN}`)).toHaveCount(0);
  });
});

const PAGER = { username: 'alias-pager@mailroom.test', password: 'alias pager password' };
const PAGED = 'ali-pages.example';
const BULK = 'ali-bulk.example';
const ELSEWHERE = 'ali-elsewhere.example';

test.describe.serial('[alias] a long list is paged by address', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  const pages = [PAGED, BULK, ELSEWHERE];
  async function cleanPages(): Promise<void> {
    const list = pages.map(() => '?').join(',');
    for (const table of ['alias', 'mailbox', 'domain']) await sql(`DELETE FROM ${table} WHERE domain IN (${list})`, pages);
    await sql('DELETE FROM domain_admins WHERE username = ?', [PAGER.username]);
    await sql('DELETE FROM admin WHERE username = ?', [PAGER.username]);
  }

  test.beforeAll(async () => {
    await cleanPages();
    for (const d of pages) await seedDomain(d);
    await seedDomainAdmin(PAGER.username, PAGER.password, [PAGED, BULK]);
    // p00..p59, and every tenth a mailbox pNNm whose own alias row sorts among them
    await sql("INSERT INTO alias (address, goto, domain, active, created, modified) SELECT CONCAT('p', LPAD(seq, 2, '0'), '@', ?), 'x@example.net', ?, 1, NOW(), NOW() FROM seq_0_to_59", [PAGED, PAGED]);
    await sql("INSERT INTO mailbox (username, password, name, maildir, local_part, domain, active, created, modified) SELECT CONCAT('p', LPAD(seq, 2, '0'), 'm@', ?), 'x', '', '', '', ?, 1, NOW(), NOW() FROM seq_0_to_59 WHERE seq % 10 = 0", [PAGED, PAGED]);
    await sql('INSERT INTO alias (address, goto, domain, active, created, modified) SELECT username, username, domain, 1, NOW(), NOW() FROM mailbox WHERE domain = ?', [PAGED]);
    await sql("INSERT INTO alias (address, goto, domain, active, created, modified) SELECT CONCAT('b', seq, '@', ?), 'x@example.net', ?, 1, NOW(), NOW() FROM seq_1_to_10001", [BULK, BULK]);
    await sql("INSERT INTO alias (address, goto, domain, active, created, modified) VALUES (?, 'x@example.net', ?, 1, NOW(), NOW())", [`hidden@${ELSEWHERE}`, ELSEWHERE]);
  });
  test.afterAll(cleanPages);

  test.beforeEach(async ({ page }) => {
    await logIn(page, PAGER.username, PAGER.password);
  });

  test('[alias] First, Next, Previous and Last walk the aliases by address; mailboxes never show', async ({ page }) => {
    await page.goto(`/domains/${PAGED}/aliases`);
    await expect(page.getByTestId('alias-count')).toContainText('60 aliases');
    await expectShown(page, 'alias', keys('p', PAGED, 0, 25));
    await expectPageLinks(page, { first: false, previous: false, next: true, last: true });
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(`/domains/${PAGED}/aliases?after=p24%40${PAGED}`);
    await expectShown(page, 'alias', keys('p', PAGED, 25, 25));
    await expectPageLinks(page, { first: true, previous: true, next: true, last: true });
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(/after=p49/);
    await expectShown(page, 'alias', keys('p', PAGED, 50, 10));
    await expectPageLinks(page, { first: true, previous: true, next: false, last: false });
    await page.getByRole('link', { name: 'Previous' }).click();
    await expect(page).toHaveURL(`/domains/${PAGED}/aliases?before=p50%40${PAGED}`);
    await expectShown(page, 'alias', keys('p', PAGED, 25, 25));
    await page.getByRole('link', { name: 'Last' }).click();
    await expect(page).toHaveURL(/\?last=1$/);
    await expectShown(page, 'alias', keys('p', PAGED, 35, 25));
    await expectPageLinks(page, { first: true, previous: true, next: false, last: false });
    await page.getByRole('link', { name: 'First' }).click();
    await expect(page).toHaveURL(`/domains/${PAGED}/aliases`);
    await expectShown(page, 'alias', keys('p', PAGED, 0, 25));
    await expect(page.locator('[data-testid$="m@ali-pages.example"]')).toHaveCount(0);
  });

  test('[alias] a search is paged with its cursor; a made-up cursor still shows a page', async ({ page }) => {
    await page.goto(`/domains/${PAGED}/aliases`);
    await page.getByLabel('Address starts with').fill('P');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByTestId('alias-count')).toContainText('60 matches');
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page).toHaveURL(`/domains/${PAGED}/aliases?q=P&after=p24%40${PAGED}`);
    await expectShown(page, 'alias', keys('p', PAGED, 25, 25));
    await page.goto(`/domains/${PAGED}/aliases?q=p1`);
    await expectShown(page, 'alias', keys('p', PAGED, 10, 10));
    await expect(page.getByRole('navigation', { name: 'Pages' })).toHaveCount(0);
    for (const query of [`after=${encodeURIComponent("' OR 1=1 --")}`, `before=${encodeURIComponent('😀')}`, `after=${'x'.repeat(400)}`, 'after=%25&before=_', `last=1&q=${encodeURIComponent('%')}`]) {
      const response = await page.goto(`/domains/${PAGED}/aliases?${query}`);
      expect(response?.status(), query).toBe(200);
      await expectShown(page, 'alias', query.includes('q=') ? [] : keys('p', PAGED, 0, 25), query);
    }
    expect(await sql('SELECT address FROM alias WHERE domain = ?', [PAGED])).toHaveLength(66);
  });

  test('[alias] past 10,000 aliases the total says "more than"', async ({ page }) => {
    await page.goto(`/domains/${BULK}/aliases`);
    await expect(page.getByTestId('alias-count')).toHaveText('More than 10,000 aliases · Aliases used: 10000+ / ∞');
    await page.getByRole('link', { name: 'Last' }).click();
    await expect(page.getByTestId(`alias-row-b9999@${BULK}`)).toBeVisible();
  });

  test('[alias] domain admin cannot page through a foreign domain’s aliases: 404', async ({ page }) => {
    for (const query of ['', '?last=1', `?after=a%40${ELSEWHERE}`, `?before=z%40${ELSEWHERE}&q=h`]) {
      const response = await page.goto(`/domains/${ELSEWHERE}/aliases${query}`);
      expect(response?.status(), query).toBe(404);
      await expect(page.getByText(`hidden@${ELSEWHERE}`)).toHaveCount(0);
    }
  });
});
