import { afterEach, describe, expect, it, vi } from 'vitest';

const valid = { DATABASE_URL: 'mysql://mailroom:pw@127.0.0.1:3307/mailroom', NEXTAUTH_SECRET: 'x'.repeat(32) };

async function load(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const key of ['DATABASE_URL', 'NEXTAUTH_SECRET', 'NEXTAUTH_URL', 'MAILROOM_SESSION_IDLE_MINUTES']) vi.stubEnv(key, env[key] as string);
  const { getEnv } = await import('./env');
  return getEnv;
}

describe('getEnv', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('accepts a complete configuration, with defaults', async () => {
    const env = (await load(valid))();
    expect(env).toMatchObject({ DATABASE_URL: valid.DATABASE_URL, MAILROOM_SESSION_IDLE_MINUTES: 30 });
    expect(env.varDir).toMatch(/\/var$/);
  });

  it.each([
    ['missing DATABASE_URL', { ...valid, DATABASE_URL: undefined }, 'DATABASE_URL is not set'],
    ['malformed DATABASE_URL', { ...valid, DATABASE_URL: 'postgres://x@y/z' }, 'DATABASE_URL must look like mysql://'],
    ['DATABASE_URL without a database', { ...valid, DATABASE_URL: 'mysql://u:p@host:3306/' }, 'DATABASE_URL must look like mysql://'],
    ['missing secret', { ...valid, NEXTAUTH_SECRET: undefined }, 'NEXTAUTH_SECRET is not set'],
    ['short secret', { ...valid, NEXTAUTH_SECRET: 'short' }, 'at least 32 characters'],
    ['bad idle minutes', { ...valid, MAILROOM_SESSION_IDLE_MINUTES: 'soon' }, 'MAILROOM_SESSION_IDLE_MINUTES'],
  ])('%s stops start-up with a message saying what to set', async (_name, env, message) => {
    const getEnv = await load(env);
    expect(() => getEnv()).toThrow(message);
  });

  it('names every problem at once', async () => {
    const getEnv = await load({});
    expect(() => getEnv()).toThrow(/DATABASE_URL is not set[\s\S]*NEXTAUTH_SECRET is not set/);
  });
});

describe('getDatabaseUrl (the database layer, and the storage agent on a mail host)', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('needs only DATABASE_URL: no NEXTAUTH_SECRET on a mail host', async () => {
    vi.resetModules();
    vi.stubEnv('DATABASE_URL', valid.DATABASE_URL);
    vi.stubEnv('NEXTAUTH_SECRET', undefined as unknown as string);
    const { getDatabaseUrl, getEnv } = await import('./env');
    expect(getDatabaseUrl()).toBe(valid.DATABASE_URL);
    expect(() => getEnv()).toThrow('NEXTAUTH_SECRET is not set');
  });

  it('still refuses a missing or malformed DATABASE_URL with the same message', async () => {
    vi.resetModules();
    vi.stubEnv('DATABASE_URL', 'postgres://x@y/z');
    const { getDatabaseUrl } = await import('./env');
    expect(() => getDatabaseUrl()).toThrow('DATABASE_URL must look like mysql://');
  });
});
