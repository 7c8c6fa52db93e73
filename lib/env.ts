import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env: everything else imports `env`.
const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is not set. Set it to mysql://USER:PASSWORD@HOST:PORT/DATABASE (the start command sets one for its private MariaDB).' })
    .regex(/^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/, 'DATABASE_URL must look like mysql://USER:PASSWORD@HOST:PORT/DATABASE'),
  NEXTAUTH_SECRET: z
    .string({ error: 'NEXTAUTH_SECRET is not set. Set it to a random string of at least 32 characters, e.g. `openssl rand -base64 32`.' })
    .min(32, 'NEXTAUTH_SECRET must be at least 32 characters long (try `openssl rand -base64 32`).'),
  NEXTAUTH_URL: z.url('NEXTAUTH_URL must be a URL such as http://localhost:3000').optional(),
  MAILROOM_VAR_DIR: z.string().min(1).default('var'),
  MAILROOM_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
});

export type Env = z.infer<typeof envSchema> & { varDir: string };

function parseEnv<S extends z.ZodType>(schema: S): z.output<S> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? '');
      return `  - ${i.message.includes(name) ? i.message : `${name}: ${i.message}`}`;
    });
    throw new Error(`Mailroom cannot start: its configuration is incomplete.\n${lines.join('\n')}`);
  }
  return parsed.data;
}

function loadEnv(): Env {
  const data = parseEnv(envSchema);
  return { ...data, varDir: path.resolve(data.MAILROOM_VAR_DIR) };
}

let cached: Env | undefined;

/** Validated configuration; throws one message naming every missing or malformed variable. */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}

/**
 * Only DATABASE_URL, validated: what the database layer needs. The storage agent on a mail host
 * needs nothing else (no NEXTAUTH_SECRET); the web server still checks everything at start-up.
 */
export function getDatabaseUrl(): string {
  return cached?.DATABASE_URL ?? parseEnv(envSchema.pick({ DATABASE_URL: true })).DATABASE_URL;
}
