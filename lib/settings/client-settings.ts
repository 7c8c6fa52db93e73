import { z } from 'zod';
import { intField } from '@/lib/actions/form-fields';
import type { Db, Tx } from '@/lib/db/client';
import { readJsonSetting, saveJsonSetting } from './json-setting';

// What a mailbox owner types into their mail program: the IMAP and SMTP (submission) servers.
// Kept in `mailroom_setting` under its own name, beside the other settings (settings.ts).

const SETTING = 'mailClients';
export const CONNECTION_SECURITY = ['ssl', 'starttls', 'none'] as const;
export type ConnectionSecurity = (typeof CONNECTION_SECURITY)[number];

const storedSchema = z.object({
  /** '' = not configured: the account page then says to ask the administrator */
  imapHost: z.string().default(''),
  imapPort: z.number().int().min(1).max(65_535).default(993),
  imapSecurity: z.enum(CONNECTION_SECURITY).default('ssl'),
  smtpHost: z.string().default(''),
  smtpPort: z.number().int().min(1).max(65_535).default(587),
  smtpSecurity: z.enum(CONNECTION_SECURITY).default('starttls'),
});

export type ClientSettings = z.infer<typeof storedSchema>;

/** The mail client settings, with defaults (IMAPS 993, submission 587 with STARTTLS, no host yet). */
export function getClientSettings(db: Db | Tx): Promise<ClientSettings> {
  return readJsonSetting(db, SETTING, storedSchema);
}

export function saveClientSettings(db: Db | Tx, value: ClientSettings): Promise<void> {
  return saveJsonSetting(db, SETTING, storedSchema, value);
}

/** A host name or IP address as a mail program takes it; '' allowed (not configured). */
export function hostField(message: string) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .max(253, message)
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?|\[?[0-9a-f:.]+\]?)?$/, message);
}

const security = z.enum(CONNECTION_SECURITY, { error: 'selfService.errors.security' });

/** The superadmin's form for the mail client settings. */
export const clientSettingsFormSchema = z.object({
  imapHost: hostField('selfService.errors.host'),
  imapPort: intField(1, 65_535, 'selfService.errors.port'),
  imapSecurity: security,
  smtpHost: hostField('selfService.errors.host'),
  smtpPort: intField(1, 65_535, 'selfService.errors.port'),
  smtpSecurity: security,
});
