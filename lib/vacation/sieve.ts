import 'server-only';
import { ManageSieveClient, ManageSieveError } from '@/lib/mail/sieve/managesieve';
import {
  generateVacationScript,
  generateWrapperScript,
  missingSieveExtensions,
  previousScriptOf,
  VACATION_SCRIPT,
  WRAPPER_SCRIPT,
  type VacationScriptInput,
} from '@/lib/mail/sieve/vacation-script';

// Puts a mailbox's vacation reply into effect over ManageSieve (Dovecot Pigeonhole or Cyrus timsieved),
// logged in as the master user (Dovecot) or admin (Cyrus) acting for the mailbox. The owner's own
// scripts are never changed: while the reply is on, Mailroom's wrapper is the active script and
// includes the one they had active; switching off makes that one active again.

export type SieveVacation = Omit<VacationScriptInput, 'address'>;

/** Where to log in: host, port, STARTTLS or not, and the user allowed to act for every mailbox. */
export interface SieveLogin {
  host: string;
  port: number;
  tls?: boolean;
  masterUser: string;
  masterPassword: string;
}

/** The server does not announce a Sieve extension the generated scripts need; nothing was changed. */
export class MissingSieveExtensionsError extends ManageSieveError {
  constructor(readonly missing: string[]) {
    super('CAPABILITY', null, `the server lacks the Sieve extensions ${missing.join(', ')}`);
  }
}

/** A refusal because the mailbox has as many scripts as the server allows (Dovecot and Cyrus: QUOTA/MAXSCRIPTS). */
export function isScriptQuotaError(err: unknown): boolean {
  return err instanceof ManageSieveError && (err.response?.code ?? '').startsWith('QUOTA');
}

async function withSession<T>(login: SieveLogin, mailbox: string, work: (client: ManageSieveClient) => Promise<T>): Promise<T> {
  const client = await ManageSieveClient.connect({ host: login.host, port: login.port, tls: login.tls });
  try {
    await client.authenticatePlain(login.masterUser, login.masterPassword, mailbox);
    const result = await work(client);
    await client.logout();
    return result;
  } finally {
    client.close();
  }
}

/**
 * Sets the reply (or removes it, with null) for `mailbox`. Safe to repeat: the same call twice leaves
 * the same scripts. Throws ManageSieveError when the server cannot be reached or refuses; a refusal
 * while switching on leaves the scripts as they were (a reply script it had just added is removed).
 */
export async function applyVacationSieve(login: SieveLogin, mailbox: string, vacation: SieveVacation | null): Promise<void> {
  await withSession(login, mailbox, async (client) => {
    const scripts = await client.listScripts();
    const has = (name: string) => scripts.some((s) => s.name === name);
    let active = scripts.find((s) => s.active)?.name ?? null;
    const previous = active === WRAPPER_SCRIPT ? previousScriptOf(await client.getScript(WRAPPER_SCRIPT)) : active === VACATION_SCRIPT ? null : active;
    // the owner's script, if it still exists
    const own = previous !== null && previous !== WRAPPER_SCRIPT && previous !== VACATION_SCRIPT && has(previous) ? previous : null;
    if (!vacation) {
      if (active === WRAPPER_SCRIPT || active === VACATION_SCRIPT) await client.setActive(own ?? '');
      for (const name of [WRAPPER_SCRIPT, VACATION_SCRIPT]) if (has(name)) await client.deleteScript(name);
      return;
    }
    const missing = missingSieveExtensions(client.capabilities.get('SIEVE') ?? '');
    if (missing.length) throw new MissingSieveExtensionsError(missing);
    const reply = generateVacationScript({ address: mailbox, ...vacation });
    const wrapper = generateWrapperScript(own);
    // Cyrus 3.6 counts a replaced script as one more: at its sieve_maxscripts limit, the old one is
    // deleted first, while the owner's own script (never a wrapper including a missing reply) is active
    const replace = async (name: string, content: string) => {
      try {
        await client.putScript(name, content);
      } catch (err) {
        if (!isScriptQuotaError(err) || !has(name)) throw err;
        if (active === WRAPPER_SCRIPT || active === name) {
          await client.setActive(own ?? '');
          active = own;
        }
        await client.deleteScript(name);
        await client.putScript(name, content);
      }
    };
    await replace(VACATION_SCRIPT, reply);
    try {
      if (!has(WRAPPER_SCRIPT) || (await client.getScript(WRAPPER_SCRIPT)) !== wrapper) await replace(WRAPPER_SCRIPT, wrapper);
    } catch (err) {
      // no room for the wrapper: the reply script added just now goes again, as if never tried
      if (!has(VACATION_SCRIPT)) await client.deleteScript(VACATION_SCRIPT).catch(() => undefined);
      throw err;
    }
    if (active !== WRAPPER_SCRIPT) await client.setActive(WRAPPER_SCRIPT);
  });
}

/** The mailbox's scripts as the server lists them (for the admin's view and the tests). */
export async function listSieveScripts(login: SieveLogin, mailbox: string): Promise<{ name: string; active: boolean }[]> {
  return withSession(login, mailbox, (client) => client.listScripts());
}
