import { z } from 'zod';
import type { Db, Tx } from '@/lib/db/client';

export const DEFAULT_ALIAS_NAMES = ['abuse', 'hostmaster', 'postmaster', 'webmaster'] as const;
export type DefaultAliasName = (typeof DEFAULT_ALIAS_NAMES)[number];

const settingsSchema = z.object({
  /** targets of the aliases a new domain can get (RFC 2142 role addresses); '' = not offered */
  defaultAliasTargets: z.record(z.enum(DEFAULT_ALIAS_NAMES), z.string()).default({ abuse: '', hostmaster: '', postmaster: '', webmaster: '' }),
  /** Postfix transport for new domains (transport_maps value) */
  defaultTransport: z.string().default('virtual'),
  /** password policy for mailboxes (and admins): minimum length */
  passwordMinLength: z.number().int().min(8).max(128).default(10),
  /** local parts no domain admin may create as a mailbox or alias (lowercase), e.g. mailer-daemon */
  reservedLocalParts: z.array(z.string()).default(['mailer-daemon']),
});

export type Settings = z.infer<typeof settingsSchema>;
type SettingName = keyof Settings;

/** All settings, with defaults for any not stored yet. Values are JSON in `mailroom_setting`. */
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
  const parsed = settingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export async function saveSetting<K extends SettingName>(db: Db | Tx, name: K, value: Settings[K]): Promise<void> {
  const json = JSON.stringify(value);
  await db.mailroomSetting.upsert({ where: { name }, create: { name, value: json }, update: { value: json } });
}
