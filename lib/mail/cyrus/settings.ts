import { z } from 'zod';
import type { Db, Tx } from '@/lib/db/client';
import { CyrusNotConfiguredError } from './errors';
import type { CyrusConnection } from './operations';

// How Mailroom reaches Cyrus, in mailroom_setting: `cyrusConnection` (host, IMAP port, TLS, admin name,
// quota warning level, the port of Cyrus's sieve service) and, in a row of its own, `cyrusAdminPassword`.
// The password is read only by getCyrusConnection and getCyrusSieveLogin, to log in; nothing shows it,
// logs it or sends it to a browser.

const CONNECTION = 'cyrusConnection';
const PASSWORD = 'cyrusAdminPassword';

export const DEFAULT_QUOTA_WARN_PERCENT = 90; // web-cyradm's QUOTA_WARN_LEVEL
/** timsieved's port (RFC 5804's sieve port, cyrus.conf's `sieve` service) */
export const DEFAULT_SIEVE_PORT = 4190;

const connectionSchema = z.object({
  host: z.string().default(''),
  port: z.number().int().min(1).max(65535).default(143),
  tls: z.boolean().default(false),
  adminUser: z.string().default('cyrus'),
  /** a quota bar turns to a warning from this share of the limit (web-cyradm's warnlevel) */
  quotaWarnPercent: z.number().int().min(1).max(100).default(DEFAULT_QUOTA_WARN_PERCENT),
  /** ManageSieve (timsieved) on the same host: where Cyrus-backed mailboxes get their vacation scripts */
  sievePort: z.number().int().min(1).max(65535).default(DEFAULT_SIEVE_PORT),
});

export type CyrusSettings = z.infer<typeof connectionSchema> & {
  /** whether an admin password is stored (the password itself is never read here) */
  hasAdminPassword: boolean;
};

function parseJson(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** The Cyrus settings for pages and forms: everything but the password, which is only "set" or not. */
export async function getCyrusSettings(db: Db | Tx): Promise<CyrusSettings> {
  const rows = await db.mailroomSetting.findMany({ where: { name: { in: [CONNECTION, PASSWORD] } }, select: { name: true, value: true } });
  const connection = rows.find((r) => r.name === CONNECTION)?.value;
  const parsed = connectionSchema.safeParse(parseJson(connection) ?? {});
  const settings = parsed.success ? parsed.data : connectionSchema.parse({});
  const password = parseJson(rows.find((r) => r.name === PASSWORD)?.value);
  return { ...settings, hasAdminPassword: typeof password === 'string' && password !== '' };
}

async function readComplete(db: Db | Tx): Promise<{ settings: CyrusSettings; password: string } | null> {
  const settings = await getCyrusSettings(db);
  const row = await db.mailroomSetting.findUnique({ where: { name: PASSWORD }, select: { value: true } });
  const password = parseJson(row?.value);
  if (!settings.host || !settings.adminUser || typeof password !== 'string' || password === '') return null;
  return { settings, password };
}

/** Everything needed to log in to Cyrus as its admin; throws CyrusNotConfiguredError while incomplete. */
export async function getCyrusConnection(db: Db | Tx): Promise<CyrusConnection> {
  const complete = await readComplete(db);
  if (!complete) throw new CyrusNotConfiguredError();
  const { settings, password } = complete;
  return { host: settings.host, port: settings.port, tls: settings.tls, adminUser: settings.adminUser, adminPassword: password };
}

export interface CyrusSieveLogin {
  host: string;
  port: number;
  /** STARTTLS before logging in (the Cyrus connection is set to use TLS) */
  tls: boolean;
  adminUser: string;
  adminPassword: string;
}

/** The admin's login to Cyrus's sieve service (timsieved), or null while the Cyrus settings are incomplete. */
export async function getCyrusSieveLogin(db: Db | Tx): Promise<CyrusSieveLogin | null> {
  const complete = await readComplete(db);
  if (!complete) return null;
  const { settings, password } = complete;
  return { host: settings.host, port: settings.sievePort, tls: settings.tls, adminUser: settings.adminUser, adminPassword: password };
}

export interface CyrusSettingsInput {
  host: string;
  port: number;
  tls: boolean;
  adminUser: string;
  quotaWarnPercent: number;
  /** undefined keeps the stored port (or the default) */
  sievePort?: number;
  /** a new admin password; undefined keeps the stored one */
  adminPassword?: string;
}

export async function saveCyrusSettings(db: Db | Tx, input: CyrusSettingsInput): Promise<void> {
  const sievePort = input.sievePort ?? (await getCyrusSettings(db)).sievePort;
  const connection = JSON.stringify({ host: input.host, port: input.port, tls: input.tls, adminUser: input.adminUser, quotaWarnPercent: input.quotaWarnPercent, sievePort });
  await db.mailroomSetting.upsert({ where: { name: CONNECTION }, create: { name: CONNECTION, value: connection }, update: { value: connection } });
  if (input.adminPassword !== undefined) {
    const value = JSON.stringify(input.adminPassword);
    await db.mailroomSetting.upsert({ where: { name: PASSWORD }, create: { name: PASSWORD, value }, update: { value } });
  }
}
