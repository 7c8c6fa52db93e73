import { expect } from '@playwright/test';
import { sql } from '../fixtures';
import { CREDENTIALS, F, ROLES, type Fixture, type Role } from './fixture';
import { SELF_SERVICE_ACTIONS } from './entries-self-service';
import type { ActionResponse, CallShape, Fields } from './server-action';

// THE TABLE of the authorization matrix (e2e/authorization-matrix.spec.ts). The spec discovers every
// page under app/(admin) and app/(account) and every server action of the build, and fails for any without a row here.
// A new page: one line in PAGES. A new action: one entry in ACTIONS (who may call it, a form aimed at
// domain A or one of A's objects, and what an allowed call changes). A new [segment]: one line in SEGMENTS.

/**
 * Who gets a page: any admin, the admins of the page's domain (A) and the superadmin, the superadmin
 * only, or the mailbox owner only (their own account pages; every admin is sent to /domains).
 */
export type PageAccess = 'any-admin' | 'domain' | 'superadmin' | 'owner';

export const PAGES: Record<string, PageAccess> = {
  '/account': 'owner',
  '/account/forward': 'owner',
  '/account/password': 'owner',
  '/account/vacation': 'owner',
  '/admins': 'superadmin',
  '/admins/[username]': 'superadmin',
  '/admins/[username]/delete': 'superadmin',
  '/admins/new': 'superadmin',
  '/domains': 'any-admin',
  '/domains/[domain]': 'domain',
  '/domains/[domain]/admins': 'superadmin',
  '/domains/[domain]/delete': 'superadmin',
  '/domains/[domain]/edit': 'superadmin',
  '/domains/[domain]/alias-domains': 'domain',
  // the fixture's alias domain is not one of admin A's domains, and changing it takes managing it (PostfixAdmin's rule)
  '/domains/[domain]/alias-domains/[aliasDomain]/delete': 'superadmin',
  '/domains/[domain]/aliases': 'domain',
  '/domains/[domain]/aliases/[alias]': 'domain',
  '/domains/[domain]/aliases/[alias]/delete': 'domain',
  '/domains/[domain]/aliases/new': 'domain',
  '/domains/[domain]/log': 'domain',
  '/domains/[domain]/mailboxes/[mailbox]/forward': 'domain',
  '/domains/[domain]/mailboxes': 'domain',
  '/domains/[domain]/mailboxes/[mailbox]': 'domain',
  '/domains/[domain]/mailboxes/[mailbox]/delete': 'domain',
  '/domains/[domain]/mailboxes/[mailbox]/vacation': 'domain',
  '/domains/[domain]/mailboxes/new': 'domain',
  '/domains/new': 'superadmin',
  '/mail-config': 'superadmin',
  '/log': 'superadmin',
  '/password-schemes': 'superadmin',
  '/profile/password': 'any-admin',
  '/settings': 'superadmin',
  '/settings/self-service': 'superadmin',
  '/trace': 'any-admin',
  '/cyrus': 'superadmin',
  '/cyrus/settings': 'superadmin',
  '/import': 'superadmin',
};

/** The value of each dynamic route segment: always domain A, or one of A's objects. */
export const SEGMENTS: Record<string, string> = {
  domain: F.domainA,
  username: F.adminA.username,
  mailbox: F.mailboxA,
  alias: F.aliasA,
  aliasDomain: F.aliasDomainA,
};

export interface ActionEntry {
  allowed: readonly Role[];
  /** how the page calls it: useActionState forms pass [prevState, formData] (the default), plain forms [formData] */
  shape?: CallShape;
  form: (ctx: { f: Fixture; role: Role }) => Fields;
  /** what an allowed call must have done (the database is put back after each call) */
  effect: (ctx: { f: Fixture; role: Role; response: ActionResponse }) => Promise<void>;
}

const NOBODY: readonly Role[] = [];
const SUPERADMIN: readonly Role[] = ['superadmin'];
const ADMINS: readonly Role[] = ['adminA', 'adminB', 'superadmin'];
/** the admins of domain A: its domain admin and the superadmin */
const ADMINS_OF_A: readonly Role[] = ['adminA', 'superadmin'];

/** Values read once the world is seeded, for effects that compare with "before". */
export const MATRIX_BASELINE = { adminPasswords: {} as Record<string, string> };

const one = async (query: string, params: unknown[]) => (await sql(query, params))[0];
/** what an allowed Cyrus fix answers without a reachable Cyrus (refused calls answer errors.notFound) */
const CYRUS_ANSWER = /cyrus\.(errors\.(notConfigured|unavailable|auth)|fix\.)/;
const domainFields = (f: Fixture) => ({ domain: f.domainA, description: 'Changed by the matrix', aliases: '0', mailboxes: '0', maxquota: '0', quota: '0', transport: 'virtual', active: 'on' });
const adminPasswordOf = async (username: string) => (await one('SELECT password FROM admin WHERE username = ?', [username]))?.password;

export const ACTIONS: Record<string, ActionEntry> = {
  // --- domains
  'lib/domains/actions.ts#createDomainAction': {
    allowed: SUPERADMIN,
    form: () => ({ ...domainFields(F), domain: 'matrix-new.test' }),
    effect: async () => expect(await sql("SELECT domain FROM domain WHERE domain = 'matrix-new.test'")).toHaveLength(1),
  },
  'lib/domains/actions.ts#updateDomainAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => domainFields(f),
    effect: async ({ f }) => expect(await one('SELECT description FROM domain WHERE domain = ?', [f.domainA])).toEqual({ description: 'Changed by the matrix' }),
  },
  'lib/domains/actions.ts#setDomainActiveAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ domain: f.domainA }),
    effect: async ({ f }) => expect(await one('SELECT active FROM domain WHERE domain = ?', [f.domainA])).toEqual({ active: 0 }),
  },
  'lib/domains/actions.ts#deleteDomainAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ domain: f.domainA, confirm: f.domainA }),
    effect: async ({ f }) => expect(await sql('SELECT domain FROM domain WHERE domain = ?', [f.domainA])).toHaveLength(0),
  },
  // --- mailboxes
  'lib/mailboxes/actions.ts#createMailboxAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ domain: f.domainA, localPart: 'matrix-new', name: 'Matrix New', password: 'matrix mailbox pw 1', passwordConfirm: 'matrix mailbox pw 1', quota: '0', active: 'on' }),
    effect: async ({ f }) => expect(await sql('SELECT username FROM mailbox WHERE username = ?', [`matrix-new@${f.domainA}`])).toHaveLength(1),
  },
  'lib/mailboxes/actions.ts#updateMailboxAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ address: f.mailboxA, name: 'Changed by the matrix', password: '', passwordConfirm: '', quota: '0' }),
    effect: async ({ f }) => expect(await one('SELECT name FROM mailbox WHERE username = ?', [f.mailboxA])).toEqual({ name: 'Changed by the matrix' }),
  },
  'lib/mailboxes/actions.ts#setMailboxActiveAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ address: f.mailboxA }), // active unticked: deactivates
    effect: async ({ f }) => expect(await one('SELECT active FROM mailbox WHERE username = ?', [f.mailboxA])).toEqual({ active: 0 }),
  },
  'lib/mailboxes/actions.ts#deleteMailboxAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ address: f.mailboxA }),
    effect: async ({ f }) => expect(await sql('SELECT username FROM mailbox WHERE username = ?', [f.mailboxA])).toHaveLength(0),
  },
  // --- aliases, forwards, alias domains
  'lib/aliases/actions.ts#createAliasAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ domain: f.domainA, kind: 'address', localPart: 'matrix-new-alias', goto: 'someone@elsewhere.test', active: 'on' }),
    effect: async ({ f }) => expect(await one('SELECT goto FROM alias WHERE address = ?', [`matrix-new-alias@${f.domainA}`])).toEqual({ goto: 'someone@elsewhere.test' }),
  },
  'lib/aliases/actions.ts#updateAliasAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ address: f.aliasA, goto: 'changed@elsewhere.test', active: 'on' }),
    effect: async ({ f }) => expect(await one('SELECT goto FROM alias WHERE address = ?', [f.aliasA])).toEqual({ goto: 'changed@elsewhere.test' }),
  },
  'lib/aliases/actions.ts#setAliasActiveAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ address: f.aliasA }), // active unticked: deactivates
    effect: async ({ f }) => expect(await one('SELECT active FROM alias WHERE address = ?', [f.aliasA])).toEqual({ active: 0 }),
  },
  'lib/aliases/actions.ts#deleteAliasAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ address: f.aliasA }),
    effect: async ({ f }) => expect(await sql('SELECT address FROM alias WHERE address = ?', [f.aliasA])).toHaveLength(0),
  },
  'lib/forwards/actions.ts#saveForwardAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ mailbox: f.mailboxA, goto: 'forwarded@elsewhere.test', keepCopy: 'on' }),
    effect: async ({ f }) => expect(await one('SELECT goto FROM alias WHERE address = ?', [f.mailboxA])).toEqual({ goto: `forwarded@elsewhere.test,${f.mailboxA}` }),
  },
  'lib/alias-domains/actions.ts#createAliasDomainAction': {
    allowed: SUPERADMIN, // admin A manages only A; an alias domain takes managing both domains
    form: ({ f }) => ({ domain: f.domainA, direction: 'incoming', other: f.domainB, active: 'on' }),
    effect: async ({ f }) => expect(await one('SELECT target_domain FROM alias_domain WHERE alias_domain = ?', [f.domainB])).toEqual({ target_domain: f.domainA }),
  },
  'lib/alias-domains/actions.ts#setAliasDomainActiveAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ aliasDomain: f.aliasDomainA }),
    effect: async ({ f }) => expect(await one('SELECT active FROM alias_domain WHERE alias_domain = ?', [f.aliasDomainA])).toEqual({ active: 0 }),
  },
  'lib/alias-domains/actions.ts#deleteAliasDomainAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ aliasDomain: f.aliasDomainA, back: f.domainA }),
    effect: async ({ f }) => expect(await sql('SELECT alias_domain FROM alias_domain WHERE alias_domain = ?', [f.aliasDomainA])).toHaveLength(0),
  },
  // --- settings
  'lib/settings/actions.ts#saveSettingsAction': {
    allowed: SUPERADMIN,
    form: () => ({ defaultTransport: 'virtual', passwordMinLength: '23', reservedLocalParts: 'mailer-daemon', target_abuse: '', target_hostmaster: '', target_postmaster: '', target_webmaster: '' }),
    effect: async () => expect(await one("SELECT value FROM mailroom_setting WHERE name = 'passwordMinLength'", [])).toEqual({ value: '23' }),
  },
  'lib/settings/actions.ts#saveStorageSettingsAction': {
    allowed: SUPERADMIN,
    form: () => ({
      mailBasePath: '/srv/matrix-vmail', archivePath: '/srv/matrix-archive', deletePolicy: 'remove', vmailUid: '5000', vmailGid: '5000', vmailUser: 'vmail',
      passwordScheme: 'SHA512-CRYPT', mailDbHost: '127.0.0.1', mailDbPort: '3306', mailDbUser: 'mailroom_mail',
    }),
    effect: async () => expect(await one("SELECT value FROM mailroom_setting WHERE name = 'mailBasePath'", [])).toEqual({ value: '"/srv/matrix-vmail"' }),
  },
  // --- storage jobs (A's mailbox has a failed one)
  'lib/jobs/actions.ts#retryJobAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ id: String(f.failedJobA), address: f.mailboxA }),
    effect: async ({ f }) => expect(await one('SELECT state, attempts FROM mailroom_job WHERE id = ?', [f.failedJobA])).toEqual({ state: 'pending', attempts: 0 }),
  },
  // --- self-service: mailbox owners, their replies, its settings (entries-self-service.ts)
  ...SELF_SERVICE_ACTIONS,
  // --- Cyrus: the settings, and the fixes of the reconciliation page (no Cyrus runs during the
  // matrix: an allowed call answers with a Cyrus message, a refused one with errors.notFound)
  'lib/mail/cyrus/actions.ts#saveCyrusSettingsAction': {
    allowed: SUPERADMIN,
    form: () => ({ host: '127.0.0.1', port: '1', adminUser: 'cyrus', adminPassword: 'matrix cyrus pw', quotaWarnPercent: '77', sievePort: '4190', defaultBackend: 'dovecot-maildir' }),
    effect: async () => expect(String((await one("SELECT value FROM mailroom_setting WHERE name = 'cyrusConnection'", []))?.value)).toContain('"quotaWarnPercent":77'),
  },
  'lib/mail/cyrus/actions.ts#saveDomainStorageAction': {
    allowed: SUPERADMIN,
    // domain A has mailboxes, so it keeps its storage (a switch would be refused): its folders change
    form: ({ f }) => ({ domain: f.domainA, backend: 'dovecot-maildir', folders: 'Sent, Trash' }),
    effect: async ({ f }) => expect(await one('SELECT backend, folders FROM mailroom_domain_storage WHERE domain = ?', [f.domainA])).toEqual({ backend: 'dovecot-maildir', folders: 'Sent, Trash' }),
  },
  'lib/mail/cyrus/actions.ts#createMissingOnCyrusAction': { allowed: SUPERADMIN, form: () => ({}), effect: async ({ response }) => expect(response.body).toMatch(CYRUS_ANSWER) },
  'lib/mail/cyrus/actions.ts#adoptCyrusOrphansAction': { allowed: SUPERADMIN, form: () => ({}), effect: async ({ response }) => expect(response.body).toMatch(CYRUS_ANSWER) },
  'lib/mail/cyrus/actions.ts#deleteCyrusOrphansAction': { allowed: SUPERADMIN, form: () => ({ confirm: 'on' }), effect: async ({ response }) => expect(response.body).toMatch(CYRUS_ANSWER) },
  // --- web-cyradm import: an allowed dry run tries the source (here: nothing listens)
  'lib/import/web-cyradm/actions.ts#webCyradmImportAction': {
    allowed: SUPERADMIN,
    form: () => ({ intent: 'dryRun', sourceUrl: 'mysql://matrix@127.0.0.1:1/webcyradm', sourcePassword: 'x', scheme: 'auto', adminDomain: '' }),
    effect: async ({ response }) => expect(response.body).toContain('import.errors.connect'),
  },
  // --- setup wizard: closed for everyone once a superadmin exists
  'lib/setup/actions.ts#verifySetupTokenAction': { allowed: NOBODY, form: () => ({ token: 'AAAA-BBBB-CCCC-DDDD-EEEE' }), effect: async () => {} },
  'lib/setup/actions.ts#applyMigrationsAction': { allowed: NOBODY, form: () => ({}), effect: async () => {} },
  'lib/setup/actions.ts#createSuperadminAction': {
    allowed: NOBODY,
    form: ({ f }) => ({ username: `intruder@${f.domainA}`, password: 'intruder password', passwordConfirm: 'intruder password' }),
    effect: async () => {},
  },
  // --- interface language: everyone, before and after login
  'lib/i18n/actions.ts#setLocaleAction': {
    allowed: ROLES,
    shape: 'form',
    form: () => ({ locale: 'fr' }),
    effect: async ({ response }) => expect(response.headers['set-cookie']).toContain('NEXT_LOCALE=fr'),
  },
  // --- admins
  'lib/admins/actions.ts#createAdminAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ username: `new-admin@${f.domainA}`, password: 'matrix new admin pw', passwordConfirm: 'matrix new admin pw', active: 'on', domains: [f.domainA] }),
    effect: async ({ f }) => expect(await sql('SELECT domain FROM domain_admins WHERE username = ?', [`new-admin@${f.domainA}`])).toEqual([{ domain: f.domainA }]),
  },
  'lib/admins/actions.ts#updateAdminAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ username: f.adminA.username, domains: [f.domainA, f.domainB] }), // active unticked: deactivates
    effect: async ({ f }) => {
      expect(await one('SELECT active FROM admin WHERE username = ?', [f.adminA.username])).toEqual({ active: 0 });
      expect(await sql('SELECT domain FROM domain_admins WHERE username = ? ORDER BY domain', [f.adminA.username])).toEqual([{ domain: f.domainA }, { domain: f.domainB }]);
    },
  },
  'lib/admins/actions.ts#resetAdminPasswordAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ username: f.adminA.username, password: 'matrix reset password', passwordConfirm: 'matrix reset password' }),
    effect: async ({ f }) => expect(await adminPasswordOf(f.adminA.username)).not.toBe(MATRIX_BASELINE.adminPasswords[f.adminA.username]),
  },
  'lib/admins/actions.ts#deleteAdminAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ username: f.adminA.username }),
    effect: async ({ f }) => expect(await sql('SELECT username FROM admin WHERE username = ?', [f.adminA.username])).toHaveLength(0),
  },
  'lib/admins/actions.ts#assignDomainAdminAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ domain: f.domainA, username: f.adminB.username }),
    effect: async ({ f }) => expect(await sql('SELECT id FROM domain_admins WHERE username = ? AND domain = ?', [f.adminB.username, f.domainA])).toHaveLength(1),
  },
  'lib/admins/actions.ts#unassignDomainAdminAction': {
    allowed: SUPERADMIN,
    form: ({ f }) => ({ domain: f.domainA, username: f.adminA.username }),
    effect: async ({ f }) => expect(await sql('SELECT id FROM domain_admins WHERE username = ? AND domain = ?', [f.adminA.username, f.domainA])).toHaveLength(0),
  },
  'lib/admins/actions.ts#changeOwnPasswordAction': {
    allowed: ADMINS,
    form: ({ role }) => ({ currentPassword: role === 'anonymous' ? 'x' : CREDENTIALS[role].password, password: 'matrix changed password', passwordConfirm: 'matrix changed password' }),
    effect: async ({ role }) => {
      const username = role === 'anonymous' ? '' : CREDENTIALS[role].username;
      expect(await adminPasswordOf(username)).not.toBe(MATRIX_BASELINE.adminPasswords[username]);
    },
  },
};
