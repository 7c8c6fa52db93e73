import 'server-only';
import { ManageSieveClient } from '@/lib/mail/sieve/managesieve';
import { generateVacationScript, generateWrapperScript, previousScriptOf, VACATION_SCRIPT, WRAPPER_SCRIPT, type VacationScriptInput } from '@/lib/mail/sieve/vacation-script';
import type { ManageSieveSettings } from './sieve-settings';

// Puts a mailbox's vacation reply into effect over ManageSieve, logged in as the master user acting for
// the mailbox. The owner's own scripts are never changed: while the reply is on, Mailroom's wrapper is
// the active script and includes the one they had active; switching off makes that one active again.

export type SieveVacation = Omit<VacationScriptInput, 'address'>;

async function withSession<T>(settings: ManageSieveSettings, mailbox: string, work: (client: ManageSieveClient) => Promise<T>): Promise<T> {
  const client = await ManageSieveClient.connect({ host: settings.host, port: settings.port });
  try {
    await client.authenticatePlain(settings.masterUser, settings.masterPassword, mailbox);
    const result = await work(client);
    await client.logout();
    return result;
  } finally {
    client.close();
  }
}

/**
 * Sets the reply (or removes it, with null) for `mailbox`. Safe to repeat: the same call twice leaves
 * the same scripts. Throws ManageSieveError when the server cannot be reached or refuses.
 */
export async function applyVacationSieve(settings: ManageSieveSettings, mailbox: string, vacation: SieveVacation | null): Promise<void> {
  await withSession(settings, mailbox, async (client) => {
    const scripts = await client.listScripts();
    const has = (name: string) => scripts.some((s) => s.name === name);
    const active = scripts.find((s) => s.active)?.name ?? null;
    const previous = active === WRAPPER_SCRIPT ? previousScriptOf(await client.getScript(WRAPPER_SCRIPT)) : active === VACATION_SCRIPT ? null : active;
    // the owner's script, if it still exists
    const own = previous !== null && previous !== WRAPPER_SCRIPT && previous !== VACATION_SCRIPT && has(previous) ? previous : null;
    if (vacation) {
      await client.putScript(VACATION_SCRIPT, generateVacationScript({ address: mailbox, ...vacation }));
      await client.putScript(WRAPPER_SCRIPT, generateWrapperScript(own));
      if (active !== WRAPPER_SCRIPT) await client.setActive(WRAPPER_SCRIPT);
      return;
    }
    if (active === WRAPPER_SCRIPT || active === VACATION_SCRIPT) await client.setActive(own ?? '');
    for (const name of [WRAPPER_SCRIPT, VACATION_SCRIPT]) if (has(name)) await client.deleteScript(name);
  });
}

/** The mailbox's scripts as the server lists them (for the admin's view and the tests). */
export async function listSieveScripts(settings: ManageSieveSettings, mailbox: string): Promise<{ name: string; active: boolean }[]> {
  return withSession(settings, mailbox, (client) => client.listScripts());
}
