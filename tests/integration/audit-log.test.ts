import { beforeAll, describe, expect, it } from 'vitest';
import { listAuditLog } from '@/lib/audit-log/queries';
import { getDb } from '@/lib/db/client';
import { domainAdmin, superadmin, useMigratedDatabase } from './helpers/app-db';

// The superadmin's Activity page: every entry of PostfixAdmin's `log`, the installation-wide ones
// (domain '') included, filtered by domain, action and who, with the text taken literally.

useMigratedDatabase();

const at = (minute: number) => new Date(Date.UTC(2026, 10, 1, 12, minute));

beforeAll(async () => {
  await getDb().log.createMany({
    data: [
      { timestamp: at(1), username: 'root@example.net (192.0.2.1)', domain: '', action: 'create_admin', data: 'ann@example.net' },
      { timestamp: at(2), username: 'root@example.net (192.0.2.1)', domain: 'example.org', action: 'create_domain', data: 'example.org' },
      { timestamp: at(3), username: 'ann@example.net (192.0.2.2)', domain: 'example.org', action: 'create_mailbox', data: 'bob@example.org' },
      { timestamp: at(4), username: 'a_n%n@example.net (192.0.2.3)', domain: 'xn--bcher-kva.example', action: 'create_mailbox', data: 'eve@xn--bcher-kva.example' },
      { timestamp: at(5), username: 'root@example.net (192.0.2.1)', domain: '', action: 'edit_settings', data: 'passwordMinLength: 10 -> 12' },
      ...Array.from({ length: 60 }, (_, i) => ({ timestamp: at(10 + i), username: 'bulk@example.net (192.0.2.4)', domain: 'bulk.example', action: 'create_alias', data: `a${i}@bulk.example` })),
    ],
  });
});

const datas = (rows: { data: string }[] | undefined) => rows?.map((r) => r.data);

describe('[log] the superadmin sees the whole installation’s activity', () => {
  it('newest first, 50 a page, every domain and the installation-wide entries', async () => {
    const first = await listAuditLog(superadmin, {});
    expect(first?.total).toBe(65);
    expect(first?.pageCount).toBe(2);
    expect(first?.rows[0]?.data).toBe('a59@bulk.example');
    const last = await listAuditLog(superadmin, { page: 2 });
    expect(datas(last?.rows)?.slice(-5)).toEqual(['passwordMinLength: 10 -> 12', 'eve@xn--bcher-kva.example', 'bob@example.org', 'example.org', 'ann@example.net']);
    expect((await listAuditLog(superadmin, { page: 99 }))?.page).toBe(2);
  });

  it('filters by domain (typed in Unicode or punycode), by installation only, by action', async () => {
    expect(datas((await listAuditLog(superadmin, { domain: 'Example.org' }))?.rows)).toEqual(['bob@example.org', 'example.org']);
    expect(datas((await listAuditLog(superadmin, { domain: 'bücher.example' }))?.rows)).toEqual(['eve@xn--bcher-kva.example']);
    expect(datas((await listAuditLog(superadmin, { installation: true, domain: 'example.org' }))?.rows)).toEqual(['passwordMinLength: 10 -> 12', 'ann@example.net']);
    expect(datas((await listAuditLog(superadmin, { action: 'create_mailbox' }))?.rows)).toEqual(['eve@xn--bcher-kva.example', 'bob@example.org']);
    expect(new Set((await listAuditLog(superadmin, {}))?.actions)).toEqual(new Set(['create_admin', 'create_domain', 'create_mailbox', 'edit_settings', 'create_alias']));
  });

  it('filters by who as a prefix, wildcards and quotes taken literally', async () => {
    expect(datas((await listAuditLog(superadmin, { who: 'ann@' }))?.rows)).toEqual(['bob@example.org']);
    expect(datas((await listAuditLog(superadmin, { who: 'a_n%' }))?.rows)).toEqual(['eve@xn--bcher-kva.example']);
    expect((await listAuditLog(superadmin, { who: '%' }))?.total).toBe(0);
    expect((await listAuditLog(superadmin, { who: "' OR 1=1 -- " }))?.total).toBe(0);
    expect((await listAuditLog(superadmin, { domain: "x' OR '1'='1" }))?.total).toBe(0);
  });

  it('is nobody else’s: a domain admin gets null (the page answers 404)', async () => {
    expect(await listAuditLog(domainAdmin('example.org'), {})).toBeNull();
  });
});
