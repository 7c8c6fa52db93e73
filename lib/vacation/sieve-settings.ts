import { z } from 'zod';
import { intField } from '@/lib/actions/form-fields';
import type { Db, Tx } from '@/lib/db/client';
import { hostField } from '@/lib/settings/client-settings';
import { readJsonSetting, saveJsonSetting } from '@/lib/settings/json-setting';

// Where Mailroom puts the vacation replies of Dovecot-stored domains into effect: Dovecot Pigeonhole's
// ManageSieve and a master user allowed to act for every mailbox (Cyrus-backed domains use the Cyrus
// settings: sieve-endpoint.ts). Kept in `mailroom_setting`; the password is read only by the vacation
// service and never sent to a page.

const SETTING = 'manageSieve';

const storedSchema = z.object({
  host: z.string().default(''),
  port: z.number().int().min(1).max(65_535).default(4190),
  masterUser: z.string().default(''),
  masterPassword: z.string().default(''),
});

export type ManageSieveSettings = z.infer<typeof storedSchema>;

function readStored(db: Db | Tx): Promise<ManageSieveSettings> {
  return readJsonSetting(db, SETTING, storedSchema);
}

/** The connection, or null when vacation replies are not set up (no host, user or password). */
export async function getManageSieveSettings(db: Db | Tx): Promise<ManageSieveSettings | null> {
  const s = await readStored(db);
  return s.host && s.masterUser && s.masterPassword ? s : null;
}

/** What the settings page shows: everything but the password, which is only said to be set. */
export async function getManageSieveSettingsForm(db: Db | Tx): Promise<Omit<ManageSieveSettings, 'masterPassword'> & { hasPassword: boolean }> {
  const { masterPassword, ...rest } = await readStored(db);
  return { ...rest, hasPassword: masterPassword !== '' };
}

/** Saves the connection; an empty password keeps the stored one. */
export async function saveManageSieveSettings(db: Db | Tx, input: ManageSieveSettingsInput): Promise<void> {
  const current = await readStored(db);
  const value: ManageSieveSettings = { host: input.host, port: input.port, masterUser: input.masterUser, masterPassword: input.masterPassword || current.masterPassword };
  await saveJsonSetting(db, SETTING, storedSchema, value);
}

const noControls = (s: string) => !/\p{Cc}/u.test(s);

/** The superadmin's form; the user and password go into SASL PLAIN, where NUL would split them. */
export const manageSieveSettingsFormSchema = z.object({
  host: hostField('selfService.errors.host'),
  port: intField(1, 65_535, 'selfService.errors.port'),
  masterUser: z.string().trim().max(255, 'selfService.errors.masterUser').refine(noControls, 'selfService.errors.masterUser'),
  masterPassword: z.string().max(1024, 'selfService.errors.masterPassword').refine(noControls, 'selfService.errors.masterPassword'),
});

export type ManageSieveSettingsInput = z.output<typeof manageSieveSettingsFormSchema>;
