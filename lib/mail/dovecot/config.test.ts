import { describe, expect, it } from 'vitest';
import { HOSTILE_PASSWORD, TEST_OPTIONS } from '@/lib/mail/config/test-options';
import { dovecotProblems, generateDovecotConfig, generateDovecotConfSnippet, generateDovecotDictConf, generateDovecotSqlConf } from './config';

const options = { ...TEST_OPTIONS, configDir: '/etc/dovecot' };

/** Dovecot 2.3's reading of `key = value` lines: a quoted value loses its quotes and backslash escapes. */
function readConf(content: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of content.split('\n')) {
    const m = /^(\w+) = (.*)$/.exec(line);
    if (!m) continue;
    const value = m[2]!;
    out[m[1]!] = /^".*"$/.test(value) ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
  }
  return out;
}

/** driver-mysql's reading of `connect`: split at blanks, then name=value. */
function readConnect(connect: string): Record<string, string> {
  return Object.fromEntries(connect.split(/\s+/).map((arg) => [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]));
}

describe('[dovecot config] dovecot-sql.conf.ext', () => {
  const conf = readConf(generateDovecotSqlConf(options).content);

  it('MySQL connection with every value read back exactly, the hostile password included', () => {
    expect(conf.driver).toBe('mysql');
    expect(readConnect(conf.connect!)).toEqual({ host: '127.0.0.1', port: '3306', dbname: 'postfix', user: 'mailroom_mail', password: HOSTILE_PASSWORD });
    expect(generateDovecotSqlConf(options).content).toContain(`connect = "host=127.0.0.1 port=3306 dbname=postfix user=mailroom_mail password=p\\"a'ss\\\\w#rd$x;--"\n`);
  });

  it('the documented queries with the mail base, uid and gid; bare crypt hashes accepted', () => {
    expect(conf).toMatchObject({
      default_pass_scheme: 'CRYPT',
      password_query: "SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = '1'",
      user_query:
        "SELECT CONCAT('/var/vmail/', maildir) AS home, 5000 AS uid, 5001 AS gid, CONCAT('*:bytes=', quota) AS quota_rule FROM mailbox WHERE username = '%u' AND active = '1'",
      iterate_query: "SELECT username AS user FROM mailbox WHERE active = '1'",
    });
  });

  it('a unix socket host has no port', () => {
    const c = readConf(generateDovecotSqlConf({ ...options, dbHost: '/run/mysqld/mysqld.sock' }).content);
    expect(readConnect(c.connect!)).toEqual({ host: '/run/mysqld/mysqld.sock', dbname: 'postfix', user: 'mailroom_mail', password: HOSTILE_PASSWORD });
  });

  it('refuses a password with spaces: Dovecot 2.3 splits connect at spaces', () => {
    expect(dovecotProblems({ dbPassword: 'two words' })).toEqual(['database password must not contain spaces: Dovecot splits its connect string at spaces']);
    expect(dovecotProblems({ dbPassword: HOSTILE_PASSWORD })).toEqual([]);
    expect(() => generateDovecotConfig({ ...options, dbPassword: 'two words' })).toThrow(/spaces/);
  });
});

describe('[dovecot config] quota dict and conf.d', () => {
  it('maps storage and messages to quota2 through the same connection', () => {
    const content = generateDovecotDictConf(options).content;
    expect(readConnect(readConf(content).connect!).password).toBe(HOSTILE_PASSWORD);
    expect(content).toContain('map {\n  pattern = priv/quota/storage\n  table = quota2\n  username_field = username\n  value_field = bytes\n}');
    expect(content).toContain('map {\n  pattern = priv/quota/messages\n  table = quota2\n  username_field = username\n  value_field = messages\n}');
  });

  it('SQL passdb/userdb, Maildir at home, quota plugin on the dict, LMTP quota check', () => {
    const content = generateDovecotConfSnippet(options).content;
    for (const expected of [
      'passdb {\n  driver = sql\n  args = /etc/dovecot/dovecot-sql.conf.ext\n}',
      'userdb {\n  driver = sql\n  args = /etc/dovecot/dovecot-sql.conf.ext\n}',
      'mail_location = maildir:~/',
      'mail_plugins = $mail_plugins quota',
      'protocol imap {\n  mail_plugins = $mail_plugins imap_quota\n}',
      'lmtp_rcpt_check_quota = yes',
      'dict {\n  quotadict = mysql:/etc/dovecot/dovecot-dict-sql.conf.ext\n}',
      '  quota = dict:User quota::proxy::quotadict',
      '  unix_listener dict {\n    mode = 0600\n    user = vmail\n  }',
    ]) {
      expect(content).toContain(expected);
    }
    expect(content).not.toContain('first_valid_uid');
    expect(generateDovecotConfSnippet({ ...options, vmailUid: 8 }).content).toContain('first_valid_uid = 8\n');
  });

  it('writes the SQL file, the dict file, the conf.d snippet and the GRANT', () => {
    expect(generateDovecotConfig(options).map((f) => f.name)).toEqual(['dovecot-sql.conf.ext', 'dovecot-dict-sql.conf.ext', '99-mailroom.conf', 'mailroom-grant.sql']);
  });
});
