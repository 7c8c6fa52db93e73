import { expect } from '@playwright/test';
import { sql } from '../fixtures';
import type { ActionEntry } from './entries';
import { F, type Fixture, type Role } from './fixture';

// The matrix rows of the mailbox owners' self-service (lib/account), the replies admins see
// (lib/vacation) and the superadmin's self-service settings; spread into ACTIONS in entries.ts.

/** the mailbox owner of A, and nobody else */
const OWNER: readonly Role[] = ['owner'];
const SUPERADMIN: readonly Role[] = ['superadmin'];
const ADMINS_OF_A: readonly Role[] = ['adminA', 'superadmin'];

/** Mailbox password hashes read once the world is seeded (the spec fills it in). */
export const SELF_SERVICE_BASELINE = { mailboxPasswords: {} as Record<string, string> };

const one = async (query: string, params: unknown[]) => (await sql(query, params))[0];
const mailboxPasswordOf = async (username: string) => (await one('SELECT password FROM mailbox WHERE username = ?', [username]))?.password;
const vacationOf = async (email: string) => one('SELECT subject, active FROM vacation WHERE email = ?', [email]);
const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** every owner form also names A's other mailbox: the action must act on the session's mailbox, never on it */
const aimedAtColleague = (f: Fixture) => ({ mailbox: f.mailboxA, username: f.mailboxA });

export const SELF_SERVICE_ACTIONS: Record<string, ActionEntry> = {
  // --- a mailbox owner's own account: the owner only, and only on their own mailbox
  'lib/account/actions.ts#changeMailboxPasswordAction': {
    allowed: OWNER,
    form: ({ f }) => ({ ...aimedAtColleague(f), currentPassword: f.owner.password, password: 'matrix owner new pw', passwordConfirm: 'matrix owner new pw' }),
    effect: async ({ f }) => {
      expect(await mailboxPasswordOf(f.owner.username)).not.toBe(SELF_SERVICE_BASELINE.mailboxPasswords[f.owner.username]);
      expect(await mailboxPasswordOf(f.mailboxA)).toBe(SELF_SERVICE_BASELINE.mailboxPasswords[f.mailboxA]);
    },
  },
  'lib/account/actions.ts#saveOwnForwardAction': {
    allowed: OWNER,
    form: ({ f }) => ({ ...aimedAtColleague(f), goto: 'forwarded@elsewhere.test', keepCopy: 'on' }),
    effect: async ({ f }) => {
      expect(await one('SELECT goto FROM alias WHERE address = ?', [f.owner.username])).toEqual({ goto: `forwarded@elsewhere.test,${f.owner.username}` });
      expect(await one('SELECT goto FROM alias WHERE address = ?', [f.mailboxA])).toEqual({ goto: f.mailboxA });
    },
  },
  'lib/account/actions.ts#saveOwnVacationAction': {
    allowed: OWNER,
    form: ({ f }) => ({ ...aimedAtColleague(f), subject: 'Matrix away', body: 'Matrix reply', activeFrom: isoDay(0), activeUntil: isoDay(1), days: '7' }),
    effect: async ({ f }) => {
      expect(await vacationOf(f.owner.username)).toEqual({ subject: 'Matrix away', active: 1 });
      expect(await vacationOf(f.mailboxA)).toEqual({ subject: F.vacationOfColleague, active: 1 });
    },
  },
  'lib/account/actions.ts#switchOffOwnVacationAction': {
    allowed: OWNER,
    form: ({ f }) => aimedAtColleague(f),
    effect: async ({ f }) => {
      expect(await vacationOf(f.owner.username)).toMatchObject({ active: 0 });
      expect(await vacationOf(f.mailboxA)).toMatchObject({ active: 1 });
    },
  },
  // --- a mailbox's reply, seen by admins
  'lib/vacation/actions.ts#switchOffVacationAction': {
    allowed: ADMINS_OF_A,
    form: ({ f }) => ({ mailbox: f.mailboxA }),
    effect: async ({ f }) => {
      expect(await vacationOf(f.mailboxA)).toMatchObject({ active: 0 });
      expect(await vacationOf(f.owner.username)).toMatchObject({ active: 1 });
    },
  },
  // --- settings
  'lib/settings/client-settings-actions.ts#saveClientSettingsAction': {
    allowed: SUPERADMIN,
    form: () => ({ imapHost: 'imap.matrix.test', imapPort: '993', imapSecurity: 'ssl', smtpHost: 'smtp.matrix.test', smtpPort: '587', smtpSecurity: 'starttls' }),
    effect: async () => expect(JSON.parse(String((await one("SELECT value FROM mailroom_setting WHERE name = 'mailClients'", []))?.value))).toMatchObject({ imapHost: 'imap.matrix.test' }),
  },
  'lib/vacation/actions.ts#saveManageSieveSettingsAction': {
    allowed: SUPERADMIN,
    form: () => ({ host: 'sieve.matrix.test', port: '4190', masterUser: 'matrix-master', masterPassword: '' }),
    effect: async () => {
      const saved = JSON.parse(String((await one("SELECT value FROM mailroom_setting WHERE name = 'manageSieve'", []))?.value));
      // an empty password field keeps the stored one
      expect(saved).toMatchObject({ host: 'sieve.matrix.test', masterUser: 'matrix-master', masterPassword: expect.stringMatching(/.+/) });
    },
  },
};
