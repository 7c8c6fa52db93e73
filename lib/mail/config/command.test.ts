import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareConfigCommand, runConfigCommand, writeGeneratedFiles } from './command';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'mailroom-config-'));
const errorsOf = async (args: string[]) => {
  const r = await prepareConfigCommand(args);
  return r.ok ? [] : r.errors;
};

afterEach(() => vi.restoreAllMocks());

describe('[mail config] command line', () => {
  it('fills defaults and flags into the generator', async () => {
    const r = await prepareConfigCommand(['postfix', '--out', 'x', '--db-password', 'pw', '--db-host', 'db.example', '--db-port', '3307', '--db-name', 'mail', '--mail-base', '/srv/mail']);
    expect(r.ok).toBe(true);
    const transport = r.ok ? r.files.find((f) => f.name === 'mysql_transport_maps.cf')!.content : '';
    expect(transport).toContain('hosts = inet:db.example:3307\nuser = mailroom_mail\npassword = pw\ndbname = mail\n');
    const main = r.ok ? r.files.find((f) => f.name === 'main.cf.mailroom')!.content : '';
    expect(main).toContain('virtual_mailbox_base = /srv/mail\n');
    expect(main).toContain('proxy:mysql:/etc/postfix/sql/mysql_transport_maps.cf');
    expect(r.ok && r.files.find((f) => f.name === 'mailroom-grant.sql')!.content).toContain("'mailroom_mail'@'%'");
  });

  it('reads the password from the first line of a file', async () => {
    const file = path.join(tmp(), 'pw');
    writeFileSync(file, 's3cret"#\\\nsecond line\n');
    const r = await prepareConfigCommand(['dovecot', '--out', 'x', '--db-password-file', file]);
    expect(r.ok && r.files[0]!.content).toContain('password=s3cret\\"#\\\\"');
  });

  it.each([
    [['--out', 'x', '--db-password', 'pw'], 'say which files to write'],
    [['exim', '--out', 'x', '--db-password', 'pw'], 'say which files to write'],
    [['postfix', '--db-password', 'pw'], '--out DIR is required'],
    [['postfix', '--out', 'x'], 'database password is required'],
    [['postfix', '--out', 'x', '--db-password', 'a', '--db-password-file', '/nonexistent'], 'not both'],
    [['postfix', '--out', 'x', '--db-password-file', '/nonexistent/pw'], 'cannot read --db-password-file'],
    [['postfix', '--out', 'x', '--db-password', 'pw', '--db-port', '12ab'], 'database port must be a number'],
    [['postfix', '--out', 'x', '--db-password', 'pw', '--mail-base', '/var/../etc'], "mail base path must not contain '..'"],
    [['postfix', '--out', 'x', '--db-password', 'pw', '--bogus', '1'], "Unknown option '--bogus'"],
    [['postfix', 'extra', '--out', 'x', '--db-password', 'pw'], 'unexpected argument: extra'],
    [['dovecot', '--out', 'x', '--db-password', 'two words'], 'Dovecot splits its connect string at spaces'],
  ])('%j is refused: %s', async (args, message) => {
    expect((await errorsOf(args)).join('\n')).toContain(message);
  });

  it('a password with spaces is fine for Postfix', async () => {
    expect(await errorsOf(['postfix', '--out', 'x', '--db-password', 'two words'])).toEqual([]);
  });
});

describe('[mail config] writing files', () => {
  const files = [
    { name: 'a.cf', content: 'one\n' },
    { name: 'b.cf', content: 'two\n' },
  ];

  it('writes mode 0640 files into a new folder', async () => {
    const dir = path.join(tmp(), 'new', 'sql');
    await writeGeneratedFiles(dir, files, false);
    expect(readdirSync(dir).sort()).toEqual(['a.cf', 'b.cf']);
    for (const f of files) {
      expect(readFileSync(path.join(dir, f.name), 'utf8')).toBe(f.content);
      expect(statSync(path.join(dir, f.name)).mode & 0o777).toBe(0o640);
    }
  });

  it('refuses to overwrite, writing nothing, unless forced', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'b.cf'), 'mine\n', { mode: 0o644 });
    await expect(writeGeneratedFiles(dir, files, false)).rejects.toThrow(/Not overwriting existing files \(use --force\): .*b\.cf/);
    expect(readdirSync(dir)).toEqual(['b.cf']);
    expect(readFileSync(path.join(dir, 'b.cf'), 'utf8')).toBe('mine\n');
    await writeGeneratedFiles(dir, files, true);
    expect(readFileSync(path.join(dir, 'b.cf'), 'utf8')).toBe('two\n');
    expect(statSync(path.join(dir, 'b.cf')).mode & 0o777).toBe(0o640);
  });

  it('the config command writes every file and exits 0, then 1 without --force', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dir = tmp();
    expect(await runConfigCommand(['dovecot', '--out', dir, '--db-password', 'pw'])).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['99-mailroom.conf', 'dovecot-dict-sql.conf.ext', 'dovecot-sql.conf.ext', 'mailroom-grant.sql']);
    expect(await runConfigCommand(['dovecot', '--out', dir, '--db-password', 'pw'])).toBe(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('use --force');
    expect(await runConfigCommand(['dovecot', '--out', dir, '--db-password', 'pw', '--force'])).toBe(0);
    expect(await runConfigCommand(['dovecot', '--db-password', 'pw'])).toBe(2);
  });
});
