import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { authenticateAdmin } from '@/lib/auth/authenticate';
import { getDb } from '@/lib/db/client';
import { createFirstSuperadmin } from '@/lib/setup/service';
import { createSetupToken, deleteSetupToken, verifySetupToken } from '@/lib/setup/token';
import { useMigratedDatabase } from './helpers/app-db';

useMigratedDatabase();

describe('[setup] first superadmin', () => {
  it('20 concurrent attempts create exactly one superadmin', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createFirstSuperadmin(`root${i}@mailroom.test`, 'a long enough password', '127.0.0.1')),
    );
    expect(results.filter((r) => r === 'created')).toHaveLength(1);
    expect(await getDb().admin.count()).toBe(1);
    const admin = await getDb().admin.findFirstOrThrow({ select: { username: true, superadmin: true, password: true } });
    expect(admin.superadmin).toBe(true);
    expect(await getDb().domainAdmin.findMany({ select: { username: true, domain: true } })).toEqual([{ username: admin.username, domain: 'ALL' }]);
    expect(await getDb().log.findMany({ select: { action: true, data: true, domain: true } })).toEqual([{ action: 'create_admin', data: `${admin.username} (superadmin)`, domain: '' }]);
    expect(await createFirstSuperadmin('late@mailroom.test', 'a long enough password', null)).toBe('already_done');
  });
});

describe('[setup] token', () => {
  it('verifies only the issued token, in any case and with or without dashes, until deleted', async () => {
    const token = await createSetupToken();
    expect(token).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(await verifySetupToken(token)).toBe(true);
    expect(await verifySetupToken(token.toLowerCase().replace(/-/g, ' '))).toBe(true);
    expect(await verifySetupToken(token.slice(0, -1))).toBe(false);
    expect(await verifySetupToken('')).toBe(false);
    const next = await createSetupToken();
    expect(await verifySetupToken(token)).toBe(false); // a new token replaces the old one
    await deleteSetupToken();
    expect(await verifySetupToken(next)).toBe(false);
  });
});

describe('[auth] admin login against PostfixAdmin hashes', () => {
  const md5crypt = execFileSync('openssl', ['passwd', '-1', 'pfa-password'], { encoding: 'utf8' }).trim();

  it('a PostfixAdmin 3.3 admin (bare md5crypt) logs in and is rehashed to {BLF-CRYPT}', async () => {
    await getDb().admin.create({ data: { username: 'pfa@legacy.example', password: md5crypt, active: true } });
    expect(await authenticateAdmin('pfa@legacy.example', 'wrong')).toBeNull();
    expect((await getDb().admin.findUniqueOrThrow({ where: { username: 'pfa@legacy.example' } })).password).toBe(md5crypt);
    expect(await authenticateAdmin('pfa@legacy.example', 'pfa-password')).toEqual({ username: 'pfa@legacy.example' });
    const after = (await getDb().admin.findUniqueOrThrow({ where: { username: 'pfa@legacy.example' } })).password;
    expect(after).toMatch(/^\{BLF-CRYPT\}\$2b\$10\$/);
    expect(await authenticateAdmin('pfa@legacy.example', 'pfa-password')).toEqual({ username: 'pfa@legacy.example' });
  });

  it('inactive and unknown admins are refused like a wrong password', async () => {
    await getDb().admin.create({ data: { username: 'off@legacy.example', password: md5crypt, active: false } });
    expect(await authenticateAdmin('off@legacy.example', 'pfa-password')).toBeNull();
    expect(await authenticateAdmin('nobody@legacy.example', 'pfa-password')).toBeNull();
  });
});
