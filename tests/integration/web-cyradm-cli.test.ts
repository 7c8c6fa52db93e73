import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { ensureCyrusMailbox } from '@/lib/mail/cyrus/operations';
import { saveCyrusSettings } from '@/lib/mail/cyrus/settings';
import { useMigratedDatabase } from './helpers/app-db';
import { CYRUS, useCyrus } from './helpers/cyrus';
import { createWebCyradmDatabase } from './helpers/web-cyradm';

// `npm run mailroom -- import web-cyradm`: through Mailroom's own entry point, as an operator runs it;
// --cyrus-quotas takes each account's quota from the Cyrus configured in Mailroom.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const appUrl = useMigratedDatabase();
useCyrus();
let source = '';

async function mailroom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/mailroom.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: appUrl() },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: e.code ?? -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

beforeAll(async () => {
  source = await createWebCyradmDatabase();
  await saveCyrusSettings(getDb(), { host: CYRUS.host, port: CYRUS.port, tls: false, adminUser: CYRUS.adminUser, adminPassword: CYRUS.adminPassword, quotaWarnPercent: 90 });
  // on Cyrus, alice has her own quota and gina none; the others have no mailbox there yet
  await ensureCyrusMailbox(CYRUS, { username: 'alice@example.org', quotaBytes: 30_000n * 1024n, folders: [] });
  await ensureCyrusMailbox(CYRUS, { username: 'gina@shop.example', quotaBytes: 0n, folders: [] });
});

describe('[import] web-cyradm from the command line', () => {
  it('refuses a bad command with its usage (exit 2)', async () => {
    const r = await mailroom('import', 'web-cyradm', '--from', 'http://example.org/x');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from must be a URL');
    expect((await mailroom('import', 'webcyradm', '--from', source)).stderr).toContain('say what to import');
  });

  it('prints the dry run and changes nothing; the password can come from a file', async () => {
    const url = new URL(source);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'wc-')), 'pw');
    writeFileSync(file, `${decodeURIComponent(url.password)}\n`);
    url.password = '';
    const r = await mailroom('import', 'web-cyradm', '--from', url.toString(), '--from-password-file', file, '--dry-run', '--admin-domain', 'example.org');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dry run: nothing was changed. The import would create:\n  4 domains (stored on Cyrus)\n  6 mailboxes\n  5 aliases, 1 catch-alls, 2 forwards\n  3 admins (1 superadmins)');
    expect(r.stdout).toContain('Account  leg0001: the username is not an address of its domain');
    expect(await getDb().domain.count()).toBe(0);
  });

  it('fails with a readable message (exit 1) and never prints the source password', async () => {
    const bad = new URL(source);
    bad.password = 'not-the-password';
    const r = await mailroom('import', 'web-cyradm', '--from', bad.toString());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('Mailroom cannot connect to that database');
    expect(r.stderr + r.stdout).not.toContain('not-the-password');
  });

  it("imports, each account's quota read from Cyrus (else its domain's default)", async () => {
    const r = await mailroom('import', 'web-cyradm', '--from', source, '--cyrus-quotas', '--admin-domain', 'example.org');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Imported (one transaction):');
    const quotas = Object.fromEntries((await getDb().mailbox.findMany({ select: { username: true, quota: true } })).map((m) => [m.username, m.quota]));
    expect(quotas).toMatchObject({ 'alice@example.org': 30_720_000n, 'gina@shop.example': 0n, 'bob@example.org': 20_480_000n, 'frank@shop.example': 10_485_760n });
    const log = await getDb().log.findFirst({ where: { action: 'create_domain' }, select: { username: true } });
    expect(log?.username).toBe('mailroom import (command line)');
  });
});
