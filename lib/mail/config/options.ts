import { z } from 'zod';

// What an administrator chooses for the generated Postfix/Dovecot files. Every value lands verbatim in
// a configuration syntax (Postfix .cf, Dovecot .conf, SQL): anything those syntaxes cannot hold safely
// is refused here with a message naming the option, so the generators only ever see safe values.

const CONTROL = /[\u0000-\u001f\u007f]/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const IPV6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;

/** An absolute path made only of characters every target syntax reads literally, with no `..` segment. */
export const safePathSchema = (what: string) =>
  z
    .string()
    .regex(/^\/[A-Za-z0-9._/-]*$/, `${what} must be an absolute path made of letters, digits, '.', '_', '-' and '/'`)
    .refine((p) => !p.split('/').includes('..'), `${what} must not contain '..'`)
    .transform((p) => (p.length > 1 ? p.replace(/\/+$/, '') : p));

export const mailConfigOptionsSchema = z.object({
  /** MySQL/MariaDB server: a host name, an IP address, or an absolute unix socket path. */
  dbHost: z.string().refine((h) => HOSTNAME.test(h) || IPV6.test(h) || /^\/[A-Za-z0-9._/-]+$/.test(h), 'database host must be a host name, an IP address or an absolute socket path'),
  dbPort: z.number({ error: 'database port must be a number 1-65535' }).int('database port must be a whole number').min(1, 'database port must be 1-65535').max(65535, 'database port must be 1-65535'),
  dbName: z.string().regex(/^[A-Za-z0-9_]{1,64}$/, 'database name must be 1-64 letters, digits or underscores'),
  dbUser: z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/, "database user must be 1-80 letters, digits, '_', '.' or '-'"),
  // Any printable text, except what no target can carry: Postfix .cf values end at a newline and lose
  // surrounding blanks; Dovecot 2.3 splits its `connect` string at spaces (checked by the Dovecot generator).
  dbPassword: z
    .string()
    .min(1, 'database password is required (--db-password or --db-password-file)')
    .max(200, 'database password is too long')
    .refine((p) => !CONTROL.test(p), 'database password must not contain newlines or control characters')
    .refine((p) => p.trim() === p, 'database password must not start or end with a space'),
  /** The MySQL host part of the read-only account in the GRANT statement ('localhost', '127.0.0.1', '%'...). */
  grantHost: z.string().regex(/^[A-Za-z0-9.%_:-]{1,255}$/, "grant host must be a host name, an IP address or a pattern with '%'"),
  mailBase: safePathSchema('mail base path'),
  vmailUid: z.number({ error: 'vmail uid must be a number' }).int().min(1, 'vmail uid must be 1 or more (never root)').max(4_294_967_294),
  vmailGid: z.number({ error: 'vmail gid must be a number' }).int().min(1, 'vmail gid must be 1 or more (never root)').max(4_294_967_294),
  /** The vmail account's name (Dovecot's dict socket is owned by it). */
  vmailUser: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'vmail user must be a system user name'),
  /** Where the generated files will be installed: main.cf and conf.d point at them there. */
  configDir: safePathSchema('config directory'),
  /** Postfix virtual_transport, for domains whose transport column is empty. */
  virtualTransport: z.string().regex(/^[a-z0-9][a-z0-9_-]*(:[A-Za-z0-9_.:/[\]@-]*)?$/, 'virtual transport must look like lmtp:unix:private/dovecot-lmtp'),
});

export type MailConfigOptions = z.infer<typeof mailConfigOptionsSchema>;

/** Debian's layout for a PostfixAdmin-style install. */
export const DEFAULT_MAIL_CONFIG = {
  dbHost: '127.0.0.1',
  dbPort: 3306,
  dbName: 'postfix',
  dbUser: 'mailroom_mail',
  mailBase: '/var/vmail',
  vmailUid: 5000,
  vmailGid: 5000,
  vmailUser: 'vmail',
  virtualTransport: 'lmtp:unix:private/dovecot-lmtp',
} as const;

export type MailConfigResult = { ok: true; options: MailConfigOptions } | { ok: false; errors: string[] };

/** Validates options; every problem is reported at once. */
export function parseMailConfigOptions(input: unknown): MailConfigResult {
  const parsed = mailConfigOptionsSchema.safeParse(input);
  if (parsed.success) return { ok: true, options: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => i.message) };
}

/** The MySQL account host that matches how the daemons connect, unless chosen explicitly. */
export function defaultGrantHost(dbHost: string): string {
  if (dbHost.startsWith('/') || dbHost === 'localhost') return 'localhost';
  if (dbHost === '127.0.0.1' || dbHost === '::1') return dbHost;
  return '%';
}

/** One generated file: its name inside the output folder and its text. */
export interface GeneratedFile {
  name: string;
  content: string;
}
