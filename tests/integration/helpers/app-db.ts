import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { applyMigrations } from '@/lib/db/migrate';
import { createTestDatabase } from './database';

/**
 * Gives this test file its own migrated database and points Mailroom's configuration at it
 * (before the first getDb() call, which reads the configuration lazily). Returns a getter for its URL.
 */
export function useMigratedDatabase(): () => string {
  let url = '';
  beforeAll(async () => {
    url = await createTestDatabase('app');
    await applyMigrations(url);
    process.env.DATABASE_URL = url;
    process.env.NEXTAUTH_SECRET ??= 'integration-tests-secret-0123456789abcdef';
    process.env.MAILROOM_VAR_DIR = mkdtempSync(path.join(tmpdir(), 'mailroom-test-'));
  });
  afterAll(async () => {
    const { getDb } = await import('@/lib/db/client');
    await getDb().$disconnect();
  });
  return () => url;
}

export const superadmin = { username: 'root@mailroom.test', isSuperadmin: true, domains: [], auditName: 'root@mailroom.test (127.0.0.1)' } as const;

export function domainAdmin(...domains: string[]) {
  return { username: `admin-${domains.join('-') || 'none'}@mailroom.test`, isSuperadmin: false, domains, auditName: 'domain admin' };
}
