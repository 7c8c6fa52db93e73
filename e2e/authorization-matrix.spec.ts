import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { logIn, sql } from './fixtures';
import { startMailStack, stopMailStack } from './mailstack';
import { DatabaseState } from './authorization-matrix/db-state';
import { discoverActions, discoverPages, fillRoute, routeOf, type DiscoveredAction } from './authorization-matrix/discover';
import { ACTIONS, MATRIX_BASELINE, PAGES, SEGMENTS, type PageAccess } from './authorization-matrix/entries';
import { SELF_SERVICE_BASELINE } from './authorization-matrix/entries-self-service';
import { CREDENTIALS, F, removeMatrixWorld, ROLES, seedMatrixWorld, type Role } from './authorization-matrix/fixture';
import { callServerAction } from './authorization-matrix/server-action';

// Every page under app/(admin) and app/(account) and every server action of the production build, tried by each role:
// anonymous, a mailbox owner of A, the admin of domain A, the admin of domain B, and the superadmin.
// What each may do is in authorization-matrix/entries.ts; anything discovered without an entry fails.

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const pages = [...discoverPages(path.resolve('app'), '(admin)'), ...discoverPages(path.resolve('app'), '(account)')].sort();
const actions = discoverActions(path.resolve('.next/server/server-reference-manifest.json'));

/** Each role's own cookie jar; the logged-in ones went through the real login form. */
async function sessions(browser: Browser): Promise<Record<Role, APIRequestContext>> {
  const out = {} as Record<Role, APIRequestContext>;
  for (const role of ROLES) {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, baseURL });
    if (role !== 'anonymous') {
      const page = await context.newPage();
      await logIn(page, CREDENTIALS[role].username, CREDENTIALS[role].password, role === 'owner' ? /\/account$/ : /\/domains$/);
      await page.close();
    }
    out[role] = context.request;
  }
  return out;
}

function expectNoSecretOfA(body: string, what: string) {
  for (const secret of F.secrets) expect(body.includes(secret), `${what} must not show A's data (${secret})`).toBe(false);
}

// not serial: one failing row must not hide the others (a failure restarts the worker, whose hooks put the world back)
test.describe('[authz] authorization matrix', () => {
  let as: Record<Role, APIRequestContext>;
  let db: DatabaseState;

  test.beforeAll(async ({ browser }) => {
    // the owner's reply goes to the mail server over ManageSieve: the private one, reading this database
    await startMailStack();
    await seedMatrixWorld();
    as = await sessions(browser);
    for (const role of ['adminA', 'adminB', 'superadmin'] as const) {
      const [row] = await sql<{ password: string }>('SELECT password FROM admin WHERE username = ?', [CREDENTIALS[role].username]);
      MATRIX_BASELINE.adminPasswords[CREDENTIALS[role].username] = row?.password ?? '';
    }
    for (const username of [F.owner.username, F.mailboxA]) {
      const [row] = await sql<{ password: string }>('SELECT password FROM mailbox WHERE username = ?', [username]);
      SELF_SERVICE_BASELINE.mailboxPasswords[username] = row?.password ?? '';
    }
    db = await DatabaseState.open();
    await db.takeSnapshot();
  });

  test.afterAll(async () => {
    await db?.restore();
    await db?.close();
    await removeMatrixWorld();
    await stopMailStack();
  });

  test('[authz] every discovered page and action has an entry, and every entry is still in use', () => {
    expect(pages.length).toBeGreaterThan(10);
    expect(actions.length).toBeGreaterThan(10);
    expect(pages.filter((p) => !(p in PAGES)), 'pages without an entry in PAGES').toEqual([]);
    expect(actions.filter((a) => !(a.key in ACTIONS)).map((a) => a.key), 'actions without an entry in ACTIONS').toEqual([]);
    expect(Object.keys(PAGES).filter((p) => !pages.includes(p)), 'PAGES entries for pages that no longer exist').toEqual([]);
    expect(Object.keys(ACTIONS).filter((k) => !actions.some((a) => a.key === k)), 'ACTIONS entries for actions the build no longer has').toEqual([]);
  });

  // 'account' and 'domains': sent to their own landing page (an owner to /account, an admin to /domains)
  const expected: Record<PageAccess, Record<Role, 'login' | 'account' | 'domains' | 200 | 404>> = {
    'any-admin': { anonymous: 'login', owner: 'account', adminB: 200, adminA: 200, superadmin: 200 },
    domain: { anonymous: 'login', owner: 'account', adminB: 404, adminA: 200, superadmin: 200 },
    superadmin: { anonymous: 'login', owner: 'account', adminB: 404, adminA: 404, superadmin: 200 },
    owner: { anonymous: 'login', owner: 200, adminB: 'domains', adminA: 'domains', superadmin: 'domains' },
  };

  for (const route of pages) {
    test(`[authz] page ${route}`, async () => {
      const access = PAGES[route];
      expect(access, `no matrix entry for page ${route}: add one to PAGES in authorization-matrix/entries.ts`).toBeDefined();
      if (!access) return;
      const url = fillRoute(route, SEGMENTS);
      for (const role of ROLES) {
        const res = await as[role].get(url);
        const outcome = expected[access][role];
        const what = `${role} on ${url}`;
        if (outcome === 'login') expect(new URL(res.url()).pathname, what).toBe('/login');
        else if (outcome === 'account') expect(new URL(res.url()).pathname, what).toBe('/account');
        else if (outcome === 'domains') expect(new URL(res.url()).pathname, what).toBe('/domains');
        else {
          expect(res.status(), what).toBe(outcome);
          expect(new URL(res.url()).pathname, what).toBe(url);
        }
        // an admin sent to /domains sees their own domains there, which for A's admins is A
        const ownLanding = outcome === 'domains' && role !== 'adminB';
        if ((outcome !== 200 && !ownLanding) || role === 'adminB' || role === 'owner') expectNoSecretOfA(await res.text(), what);
        if (role === 'adminB' && outcome === 200) expect((await res.text()).includes(F.domainA), `${what} must not list domain A`).toBe(false);
      }
    });
  }

  for (const action of actions) {
    test(`[authz] action ${action.key}`, async () => {
      const entry = ACTIONS[action.key];
      expect(entry, `no matrix entry for action ${action.key}: add one to ACTIONS in authorization-matrix/entries.ts`).toBeDefined();
      if (!entry) return;
      const pageUrl = fillRoute(routeOf(pickWorker(action)), SEGMENTS);
      try {
        for (const role of ROLES) {
          await db.restore();
          const before = await db.checksums();
          const response = await callServerAction(as[role], baseURL, pageUrl, action.id, entry.form({ f: F, role }), entry.shape ?? 'state-form');
          const what = `${action.key} called by ${role} on ${pageUrl}`;
          expect(response.status, `${what}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
          if (entry.allowed.includes(role)) {
            await entry.effect({ f: F, role, response });
          } else {
            expect(await db.checksums(), `${what} was refused, so it changes nothing`).toEqual(before);
            expectNoSecretOfA(response.body, what);
          }
        }
      } finally {
        await db.restore();
      }
    });
  }
});

/** The page to post to: the first one the build registered the action for (any works; all render it). */
function pickWorker(action: DiscoveredAction): string {
  const worker = action.workers[0];
  if (!worker) throw new Error(`${action.key} is registered for no page`);
  return worker;
}
