import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { saveCyrusSettings } from '@/lib/mail/cyrus/settings';
import { formatDay } from '@/lib/vacation/rules';
import { isVacationAvailable } from '@/lib/vacation/queries';
import { vacationFormSchema } from '@/lib/vacation/schema';
import { saveOwnVacation, switchOffOwnVacation, switchOffVacation } from '@/lib/vacation/service';
import { getSieveEndpoint } from '@/lib/vacation/sieve-endpoint';
import { domainAdmin } from './helpers/app-db';
import { CYRUS_ADMIN_PASSWORD, CYRUS_PORTS } from './helpers/cyrus';
import { asCyrusOwner, countInFolder, CYRUS_SETTINGS, cyrusScripts, deliverToCyrus, useCyrusVacation } from './helpers/cyrus-vacation';
import { insertMailboxes, sql } from './helpers/mail-fixtures';
import { caughtWithSubject } from './helpers/smtp-sink';

// Out-of-office replies on Cyrus where it gets hard: which server a mailbox goes to, Cyrus's script
// limit (sieve_maxscripts), owners' scripts with names Cyrus 3.6 handles oddly, and every failure
// leaving the database and the scripts as they were.

const { dbUrl, sink } = useCyrusVacation({ full: [], four: [], kln: ['Filtered'], quoted: [], broken: [], off: [], admin: [] });
const DAY = 86_400_000;
const owner = (username: string) => ({ username, auditName: `${username} (192.0.2.1)` });
const form = (fields: Record<string, string> = {}) =>
  vacationFormSchema.parse({ subject: 'Away', body: 'I am away.', activeFrom: formatDay(new Date()), activeUntil: formatDay(new Date(Date.now() + 10 * DAY)), days: '7', ...fields });
const vacationRow = async (email: string) => (await sql<Record<string, unknown>[]>(dbUrl(), 'SELECT subject, active FROM vacation WHERE email = ?', [email]))[0];
const RULES = 'require ["fileinto"];\r\nif header :contains "subject" "filter-me" { fileinto "Filtered"; }\r\n';

beforeAll(async () => {
  await insertMailboxes(dbUrl(), [{ username: 'dm@dove.test' }, { username: 'missing@cy.test' }]);
  await sql(dbUrl(), "UPDATE mailbox SET active = 0 WHERE username = 'off@cy.test'");
});

/** Runs `fn` with the Cyrus settings changed, then puts them back. */
async function withCyrusSettings(change: Partial<typeof CYRUS_SETTINGS>, fn: () => Promise<void>): Promise<void> {
  await saveCyrusSettings(getDb(), { ...CYRUS_SETTINGS, ...change });
  try {
    await fn();
  } finally {
    await saveCyrusSettings(getDb(), CYRUS_SETTINGS);
  }
}

describe('[vacation-cyrus] which ManageSieve server a mailbox uses', () => {
  it("a Cyrus-backed domain: Cyrus's host and sieve port, its admin; a Maildir domain: Dovecot's settings", async () => {
    expect(await getSieveEndpoint(getDb(), 'cy.test')).toEqual({ server: 'cyrus', host: '127.0.0.1', port: CYRUS_PORTS.sieve, tls: false, masterUser: 'cyrus', masterPassword: CYRUS_ADMIN_PASSWORD });
    expect(await getSieveEndpoint(getDb(), 'DOVE.test')).toEqual({ server: 'dovecot-maildir', host: '127.0.0.1', port: 1, tls: false, masterUser: 'mailroom-sieve', masterPassword: 'dovecot only' });
    // Dovecot's ManageSieve points at a closed port: the Maildir mailbox fails there, nothing is stored
    expect(await saveOwnVacation(owner('dm@dove.test'), form())).toEqual({ message: 'vacation.errors.mailServer' });
    expect(await vacationRow('dm@dove.test')).toBeUndefined();
  });

  it('Cyrus settings without the admin password: replies are unavailable for Cyrus mailboxes only', async () => {
    await sql(dbUrl(), "DELETE FROM mailroom_setting WHERE name = 'cyrusAdminPassword'");
    try {
      expect(await isVacationAvailable('full@cy.test')).toBe(false);
      expect(await isVacationAvailable('dm@dove.test')).toBe(true);
      expect(await saveOwnVacation(owner('full@cy.test'), form())).toEqual({ message: 'vacation.errors.notConfigured' });
      expect(await vacationRow('full@cy.test')).toBeUndefined();
    } finally {
      await saveCyrusSettings(getDb(), CYRUS_SETTINGS);
    }
    expect(await isVacationAvailable('full@cy.test')).toBe(true);
  });
});

describe("[vacation-cyrus] Cyrus's script limit (sieve_maxscripts: 5)", () => {
  it('an owner with 4 scripts has no room for two more: refused with its own message, their scripts as they were', async () => {
    await asCyrusOwner('four@cy.test', async (c) => {
      for (const name of ['a', 'b', 'c', 'd']) await c.putScript(name, 'keep;\r\n');
      await c.setActive('a');
    });
    const before = await cyrusScripts('four@cy.test');
    expect(await saveOwnVacation(owner('four@cy.test'), form())).toEqual({ message: 'vacation.errors.sieveQuota' });
    expect(await cyrusScripts('four@cy.test')).toEqual(before);
    expect(await vacationRow('four@cy.test')).toBeUndefined();
  });

  it('an owner with 3 scripts: on (5 scripts), changed again although Cyrus refuses replacing at the limit, then off', async () => {
    await asCyrusOwner('full@cy.test', async (c) => {
      for (const name of ['a', 'b', 'c']) await c.putScript(name, RULES);
      await c.setActive('b');
    });
    expect(await saveOwnVacation(owner('full@cy.test'), form({ subject: 'First' }))).toMatchObject({ ok: true });
    expect(await saveOwnVacation(owner('full@cy.test'), form({ subject: 'Second' }))).toMatchObject({ ok: true });
    const scripts = await cyrusScripts('full@cy.test');
    expect(scripts.filter((s) => s.active).map((s) => s.name)).toEqual(['mailroom']);
    expect(scripts).toHaveLength(5);
    expect(await asCyrusOwner('full@cy.test', (c) => c.getScript('mailroom-vacation'))).toContain(':subject "Second"');
    expect(await asCyrusOwner('full@cy.test', (c) => c.getScript('mailroom'))).toContain('include :personal :optional "b";');
    await deliverToCyrus('limit@else.test', 'full@cy.test', 'limit');
    expect(caughtWithSubject(sink(), 'limit@else.test', 'Second')).toHaveLength(1);
    expect(await switchOffOwnVacation(owner('full@cy.test'))).toMatchObject({ ok: true });
    expect(await cyrusScripts('full@cy.test')).toEqual([{ name: 'a', active: false }, { name: 'b', active: true }, { name: 'c', active: false }]);
  });
});

describe('[vacation-cyrus] owner scripts with names Cyrus 3.6 handles oddly', () => {
  it('an 8-bit name (listed MIME-encoded): included by the name Cyrus lists, it keeps filing; active again when off', async () => {
    await asCyrusOwner('kln@cy.test', async (c) => {
      await c.putScript('Köln', RULES);
      await c.setActive('=?UTF-8?Q?K=C3=B6ln?=');
    });
    expect(await saveOwnVacation(owner('kln@cy.test'), form({ subject: 'Köln away' }))).toMatchObject({ ok: true });
    const m = await deliverToCyrus('kln@else.test', 'kln@cy.test', 'filter-me-kln');
    expect(await countInFolder('kln@cy.test', 'Filtered', m.subject)).toBe(1);
    expect(caughtWithSubject(sink(), 'kln@else.test', 'Köln away')).toHaveLength(1);
    expect(await switchOffOwnVacation(owner('kln@cy.test'))).toMatchObject({ ok: true });
    expect(await cyrusScripts('kln@cy.test')).toEqual([{ name: '=?UTF-8?Q?K=C3=B6ln?=', active: true }]);
  });

  it('a name with a quote (listed unescaped, unreadable): refused at once as a mail server error, nothing changed', async () => {
    await asCyrusOwner('quoted@cy.test', async (c) => {
      await c.putScript('my "rules"', 'keep;\r\n');
      await c.setActive('my "rules"');
    });
    const logs = await getDb().log.count();
    expect(await saveOwnVacation(owner('quoted@cy.test'), form())).toEqual({ message: 'vacation.errors.mailServer' });
    expect(await vacationRow('quoted@cy.test')).toBeUndefined();
    expect(await getDb().log.count()).toBe(logs);
    expect(await asCyrusOwner('quoted@cy.test', (c) => c.getScript('my "rules"'))).toBe('keep;\r\n');
  });
});

describe('[vacation-cyrus] failures change nothing', () => {
  it.each([
    ['the sieve port closed', { sievePort: 1 }],
    ['TLS required, with a certificate Mailroom does not trust (no password sent in clear)', { tls: true }],
  ])('%s: refused, row, log and scripts untouched', async (_label, change) => {
    expect(await saveOwnVacation(owner('broken@cy.test'), form({ subject: 'Before' }))).toMatchObject({ ok: true });
    const [row, logs, scripts] = [await vacationRow('broken@cy.test'), await getDb().log.count(), await cyrusScripts('broken@cy.test')];
    await withCyrusSettings(change, async () => {
      expect(await saveOwnVacation(owner('broken@cy.test'), form({ subject: 'Changed' }))).toEqual({ message: 'vacation.errors.mailServer' });
      expect(await switchOffOwnVacation(owner('broken@cy.test'))).toEqual({ message: 'vacation.errors.mailServer' });
    });
    expect(await vacationRow('broken@cy.test')).toEqual(row);
    expect(await getDb().log.count()).toBe(logs);
    expect(await cyrusScripts('broken@cy.test')).toEqual(scripts);
    expect(await asCyrusOwner('broken@cy.test', (c) => c.getScript('mailroom-vacation'))).toContain(':subject "Before"');
  });

  it('a mailbox Mailroom has but Cyrus does not: refused (Cyrus lets nobody act for it), nothing stored', async () => {
    expect(await saveOwnVacation(owner('missing@cy.test'), form())).toEqual({ message: 'vacation.errors.mailServer' });
    expect(await vacationRow('missing@cy.test')).toBeUndefined();
  });

  it('an inactive mailbox is refused before Cyrus is asked', async () => {
    expect(await saveOwnVacation(owner('off@cy.test'), form())).toEqual({ message: 'vacation.errors.inactive' });
    expect(await cyrusScripts('off@cy.test')).toEqual([]);
  });
});

describe('[vacation-cyrus] admins', () => {
  it("a domain admin of another domain cannot switch a Cyrus mailbox's reply off; the domain's admin can", async () => {
    expect(await saveOwnVacation(owner('admin@cy.test'), form())).toMatchObject({ ok: true });
    expect(await switchOffVacation(domainAdmin('dove.test'), 'admin@cy.test')).toEqual({ message: 'errors.notFound' });
    expect(await cyrusScripts('admin@cy.test')).toHaveLength(2);
    expect(await switchOffVacation(domainAdmin('cy.test'), 'admin@cy.test')).toEqual({ ok: true, message: 'vacation.switchedOff' });
    expect(await vacationRow('admin@cy.test')).toMatchObject({ active: 0 });
    expect(await cyrusScripts('admin@cy.test')).toEqual([]);
  });
});
