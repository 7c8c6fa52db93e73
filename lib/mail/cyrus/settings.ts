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

/** Both rows in one query: the connection (defaults where unreadable) and the stored password, if any. */
async function readStored(db: Db | Tx): Promise<{ settings: Omit<CyrusSettings, 'hasAdminPassword'>; password: string | null }> {
  const rows = await db.mailroomSetting.findMany({ where: { name: { in: [CONNECTION, PASSWORD] } }, select: { name: true, value: true } });
  const parsed = connectionSchema.safeParse(parseJson(rows.find((r) => r.name === CONNECTION)?.value) ?? {});
  const password = parseJson(rows.find((r) => r.name === PASSWORD)?.value);
  return { settings: parsed.success ? parsed.data : connectionSchema.parse({}), password: typeof password === 'string' && password !== '' ? password : null };
}

/** The Cyrus settings for pages and forms: everything but the password, which is only "set" or not. */
export async function getCyrusSettings(db: Db | Tx): Promise<CyrusSettings> {
  const { settings, password } = await readStored(db);
  return { ...settings, hasAdminPassword: password !== null };
}

/** The admin's login at `port` (IMAP or sieve), or null while host, admin or password is missing. */
async function readAdminLogin(db: Db | Tx, port: 'port' | 'sievePort'): Promise<CyrusConnection | null> {
  const { settings, password } = await readStored(db);
  if (!settings.host || !settings.adminUser || password === null) return null;
  return { host: settings.host, port: settings[port], tls: settings.tls, adminUser: settings.adminUser, adminPassword: password };
}

/** Everything needed to log in to Cyrus as its admin; throws CyrusNotConfiguredError while incomplete. */
export async function getCyrusConnection(db: Db | Tx): Promise<CyrusConnection> {
  const login = await readAdminLogin(db, 'port');
  if (!login) throw new CyrusNotConfiguredError();
  return login;
}

/** The admin's login to Cyrus's sieve service (timsieved); `tls` = STARTTLS before logging in. */
export type CyrusSieveLogin = CyrusConnection;

/** The admin's login to Cyrus's sieve service, or null while the Cyrus settings are incomplete. */
export function getCyrusSieveLogin(db: Db | Tx): Promise<CyrusSieveLogin | null> {
  return readAdminLogin(db, 'sievePort');
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
