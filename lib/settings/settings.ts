import { z } from 'zod';
import type { Db, Tx } from '@/lib/db/client';
import { DEFAULT_SCHEME, WRITABLE_SCHEMES } from '@/lib/passwords/hash';

export const DEFAULT_ALIAS_NAMES = ['abuse', 'hostmaster', 'postmaster', 'webmaster'] as const;
export type DefaultAliasName = (typeof DEFAULT_ALIAS_NAMES)[number];

/** What deleting a mailbox does to its Maildir: move it under the archive path, or remove it. */
export const DELETE_POLICIES = ['archive', 'remove'] as const;
export type DeletePolicy = (typeof DELETE_POLICIES)[number];

const settingsSchema = z.object({
  /** targets of the aliases a new domain can get (RFC 2142 role addresses); '' = not offered */
  defaultAliasTargets: z.record(z.enum(DEFAULT_ALIAS_NAMES), z.string()).default({ abuse: '', hostmaster: '', postmaster: '', webmaster: '' }),
  /** Postfix transport for new domains (transport_maps value) */
  defaultTransport: z.string().default('virtual'),
  /** password policy for mailboxes (and admins): minimum length */
  passwordMinLength: z.number().int().min(8).max(128).default(10),
  /** local parts no domain admin may create as a mailbox or alias (lowercase), e.g. mailer-daemon */
  reservedLocalParts: z.array(z.string()).default(['mailer-daemon']),
  // --- storage on the mail host (Maildirs) and the generated Postfix/Dovecot files
  /** where the Maildirs live: mailbox.maildir is relative to it */
  mailBasePath: z.string().default('/var/vmail'),
  /** owner of every Maildir (the vmail account Dovecot and Postfix deliver as) */
  vmailUid: z.number().int().default(5000),
  vmailGid: z.number().int().default(5000),
  vmailUser: z.string().default('vmail'),
  deletePolicy: z.enum(DELETE_POLICIES).default('archive'),
  /** where deleted Maildirs go under the archive policy (same filesystem as the base: they are renamed) */
  archivePath: z.string().default('/var/vmail-archive'),
  /** whether this Mailroom runs the storage jobs itself (it is the mail host), else the agent does */
  storageRunsHere: z.boolean().default(false),
  /** scheme of every new password hash (mailboxes, admins, rehash on login) */
  passwordScheme: z.enum(WRITABLE_SCHEMES).default(DEFAULT_SCHEME),
  /** how Postfix and Dovecot reach the database, for the generated files (the password is never stored) */
  mailDbHost: z.string().default('127.0.0.1'),
  mailDbPort: z.number().int().default(3306),
  mailDbUser: z.string().default('mailroom_mail'),
});

export type Settings = z.infer<typeof settingsSchema>;
type SettingName = keyof Settings;

/** All settings, with defaults for any not stored yet (or unreadable). Values are JSON in `mailroom_setting`. */
export async function getSettings(db: Db | Tx): Promise<Settings> {
  const rows = await db.mailroomSetting.findMany({ select: { name: true, value: true } });
  const raw: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      raw[row.name] = JSON.parse(row.value);
    } catch {
      // a hand-edited, unreadable value falls back to its default
    }
  }
  // field by field: one hand-edited, invalid value falls back to its own default, not every setting
  const valid: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(settingsSchema.shape)) {
    if (field.safeParse(raw[name]).success) valid[name] = raw[name];
  }
  return settingsSchema.parse(valid);
}

export async function saveSetting<K extends SettingName>(db: Db | Tx, name: K, value: Settings[K]): Promise<void> {
  const json = JSON.stringify(value);
  await db.mailroomSetting.upsert({ where: { name }, create: { name, value: json }, update: { value: json } });
}
