import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mariadb from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '@/lib/db/migrate';
import { generateGrantSql } from '@/lib/mail/config/grant';
import { createTestDatabase, withSql } from './helpers/database';

// The generated GRANT on a real MariaDB, and the `config` command through Mailroom's own entry point.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const PASSWORD = `g "r'a\\nt#;-- \\'x`;
const user = `ro_grant_${randomBytes(3).toString('hex')}`;
let dbUrl = '';
let dbName = '';

async function asReadOnly<T>(fn: (conn: mariadb.Connection) => Promise<T>): Promise<T> {
  const u = new URL(dbUrl);
  const conn = await mariadb.createConnection({ host: '127.0.0.1', port: Number(u.port), user, password: PASSWORD, database: dbName });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

beforeAll(async () => {
  dbUrl = await createTestDatabase('grant');
  await applyMigrations(dbUrl);
  dbName = new URL(dbUrl).pathname.slice(1);
  const grant = generateGrantSql({ dbName, dbUser: user, dbPassword: PASSWORD, grantHost: '127.0.0.1' });
  // a server reading backslashes literally must still get the password as written
  await withSql(dbUrl, async (conn) => {
    await conn.query("SET SESSION sql_mode = 'NO_BACKSLASH_ESCAPES'");
    await conn.query(grant);
  });
});

afterAll(async () => {
  await withSql(dbUrl, (conn) => conn.query('DROP USER IF EXISTS ?@?', [user, '127.0.0.1']));
});

describe('[mail config] the generated GRANT', () => {
  it('creates an account that logs in with the exact password, even under NO_BACKSLASH_ESCAPES', async () => {
    expect(await asReadOnly((conn) => conn.query('SELECT CURRENT_USER() AS u'))).toEqual([{ u: `${user}@127.0.0.1` }]);
  });

  it('may read the mail tables but not write them, nor read anything else', async () => {
    await asReadOnly(async (conn) => {
      for (const table of ['domain', 'alias', 'alias_domain', 'mailbox']) await expect(conn.query(`SELECT COUNT(*) FROM ${table}`)).resolves.toBeDefined();
      await expect(conn.query("INSERT INTO domain (domain, description, transport) VALUES ('x.test', '', 'virtual')")).rejects.toThrow(/denied/);
      await expect(conn.query("UPDATE mailbox SET password = 'x'")).rejects.toThrow(/denied/);
      await expect(conn.query('SELECT password FROM admin')).rejects.toThrow(/denied/);
    });
  });

  it('may maintain quota2 (Dovecot dict quota)', async () => {
    await asReadOnly(async (conn) => {
      await conn.query("INSERT INTO quota2 (username, bytes, messages) VALUES ('a@x.test', 10, 1)");
      await conn.query("UPDATE quota2 SET bytes = bytes + 5 WHERE username = 'a@x.test'");
      expect(await conn.query('SELECT bytes, messages FROM quota2')).toEqual([{ bytes: 15n, messages: 1 }]);
      await conn.query("DELETE FROM quota2 WHERE username = 'a@x.test'");
    });
  });
});

describe('[mail config] npm run mailroom -- config', () => {
  const mailroom = (...args: string[]) =>
    run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/mailroom.ts', ...args], { cwd: root }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('writes the files 0640, refuses to overwrite them without --force, and explains bad input', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'mailroom-cli-')), 'postfix');
    const first = await mailroom('config', 'postfix', '--out', out, '--db-password', PASSWORD);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Wrote 12 postfix files (mode 0640)');
    for (const file of readdirSync(out)) expect(statSync(path.join(out, file)).mode & 0o777).toBe(0o640);
    const again = await mailroom('config', 'postfix', '--out', out, '--db-password', PASSWORD);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('Not overwriting existing files (use --force)');
    expect((await mailroom('config', 'postfix', '--out', out, '--db-password', PASSWORD, '--force')).code).toBe(0);
    const bad = await mailroom('config', 'dovecot', '--out', out, '--db-password', PASSWORD, '--mail-base', 'relative');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('mail base path must be an absolute path');
    expect(bad.stderr).toContain('Dovecot splits its connect string at spaces');
  });

  it('is listed in the usage', async () => {
    expect((await mailroom()).stdout).toContain('config postfix|dovecot|cyrus --out DIR');
  });
});
