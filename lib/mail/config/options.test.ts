import { describe, expect, it } from 'vitest';
import { defaultGrantHost, parseMailConfigOptions } from './options';
import { TEST_OPTIONS } from './test-options';

const parse = (changes: Record<string, unknown>) => parseMailConfigOptions({ ...TEST_OPTIONS, ...changes });

describe('[mail config] options', () => {
  it('accepts the defaults and any printable password, quotes, backslash, # and $ included', () => {
    for (const dbPassword of [TEST_OPTIONS.dbPassword, 'with inner space', 'ünïcödé', '#start', '$ENV:HOME', 'a\\']) {
      expect(parse({ dbPassword })).toMatchObject({ ok: true, options: { dbPassword } });
    }
  });

  it.each([
    ['dbPassword', 'line\nbreak', 'database password must not contain newlines'],
    ['dbPassword', 'carriage\rreturn', 'database password must not contain newlines'],
    ['dbPassword', 'nul\u0000byte', 'database password must not contain newlines'],
    ['dbPassword', 'tab\there', 'database password must not contain newlines'],
    ['dbPassword', ' leading', 'database password must not start or end with a space'],
    ['dbPassword', 'trailing ', 'database password must not start or end with a space'],
    ['dbPassword', '', 'database password is required'],
    ['dbHost', 'db.example\nquery = SELECT 1', 'database host must be'],
    ['dbHost', 'db example', 'database host must be'],
    ['dbHost', "db'", 'database host must be'],
    ['dbHost', 'relative/socket', 'database host must be'],
    ['dbPort', 0, 'database port must be 1-65535'],
    ['dbPort', 65536, 'database port must be 1-65535'],
    ['dbPort', Number.NaN, 'database port must be a number'],
    ['vmailUid', Number.NaN, 'vmail uid must be a number'],
    ['dbName', 'post`fix', 'database name must be'],
    ['dbName', 'post fix', 'database name must be'],
    ['dbName', '', 'database name must be'],
    ['dbUser', "ro'user", 'database user must be'],
    ['dbUser', 'ro user', 'database user must be'],
    ['grantHost', "localhost' OR '1", 'grant host must be'],
    ['mailBase', 'var/vmail', 'mail base path must be an absolute path'],
    ['mailBase', '/var/../etc', "mail base path must not contain '..'"],
    ['mailBase', '/var/vmail/..', "mail base path must not contain '..'"],
    ['mailBase', '/var/vmail\n/x', 'mail base path must be an absolute path'],
    ['mailBase', "/var/vm'ail", 'mail base path must be an absolute path'],
    ['mailBase', '/var/vm ail', 'mail base path must be an absolute path'],
    ['mailBase', '/var/$vmail', 'mail base path must be an absolute path'],
    ['configDir', '/etc/postfix/sql#', 'config directory must be an absolute path'],
    ['vmailUid', 0, 'vmail uid must be 1 or more'],
    ['vmailGid', -1, 'vmail gid must be 1 or more'],
    ['vmailUser', 'Vmail user', 'vmail user must be'],
    ['virtualTransport', 'lmtp:unix:private/dovecot-lmtp\nrelayhost = evil', 'virtual transport must look like'],
    ['virtualTransport', 'lmtp unix', 'virtual transport must look like'],
  ])('refuses %s = %j', (field, value, message) => {
    const r = parse({ [field]: value });
    expect(r.ok).toBe(false);
    expect(r.ok ? [] : r.errors.join('\n')).toContain(message);
  });

  it('reports every problem at once', () => {
    const r = parse({ dbPort: 0, mailBase: 'x', dbPassword: '' });
    expect(r.ok ? 0 : r.errors.length).toBe(3);
  });

  it('normalises a trailing slash on paths', () => {
    expect(parse({ mailBase: '/var/vmail/' })).toMatchObject({ ok: true, options: { mailBase: '/var/vmail' } });
  });

  it.each([
    ['localhost', 'localhost'],
    ['/run/mysqld/mysqld.sock', 'localhost'],
    ['127.0.0.1', '127.0.0.1'],
    ['::1', '::1'],
    ['db.example.org', '%'],
  ])('the GRANT host for %s is %s', (host, grant) => {
    expect(defaultGrantHost(host)).toBe(grant);
  });
});
