import { describe, expect, it } from 'vitest';
import { prepareConfigCommand } from '@/lib/mail/config/command';
import { TEST_OPTIONS } from '@/lib/mail/config/test-options';
import { cyrusProblems, generateCyrusConfig, generatePamMysqlConf, PAM_MYSQL_FILE } from './config';

// TEST_OPTIONS' hostile password holds ';', which pam_mysql cannot read (refused below): this one holds the rest
const PASSWORD = `cy"p'a\\ss#w $rd=--`;
const OPTIONS = { ...TEST_OPTIONS, dbPassword: PASSWORD };
const file = (name: string, o = OPTIONS) => generateCyrusConfig(o).find((f) => f.name === name)?.content ?? '';

describe('[cyrus config] generated files', () => {
  it('writes the imapd.conf lines the adapter relies on', () => {
    const conf = file('imapd.conf.mailroom');
    for (const line of ['virtdomains: userid', 'unixhierarchysep: yes', 'altnamespace: yes', 'admins: cyrus', 'delete_mode: immediate', 'sasl_pwcheck_method: auxprop saslauthd', 'sieve_vacation_min_response: 1d', 'sieve_vacation_max_response: 90d']) {
      expect(conf.split('\n')).toContain(line);
    }
  });

  it("points pam_mysql at Dovecot's password query, scheme prefix stripped, crypt(3) compare", () => {
    const conf = generatePamMysqlConf({ ...OPTIONS, dbHost: 'db.example', dbPort: 3307 }).content.split('\n');
    expect(conf).toEqual(
      expect.arrayContaining([
        'users.host = db.example:3307',
        'users.database = postfix',
        'users.db_user = mailroom_mail',
        `users.db_passwd = ${PASSWORD}`,
        'users.table = mailbox',
        'users.user_column = username',
        "users.password_column = SUBSTRING_INDEX(password,'}',-1)",
        'users.password_crypt = 1',
        'users.where_clause = active = 1',
      ]),
    );
  });

  it('uses a socket path as pam_mysql host as is', () => {
    expect(generatePamMysqlConf({ ...OPTIONS, dbHost: '/run/mysqld/mysqld.sock' }).content).toContain('users.host = /run/mysqld/mysqld.sock\n');
  });

  it('names the pam_mysql file from the config directory in the PAM service file', () => {
    expect(file('pam.d-cyrus', { ...OPTIONS, configDir: '/etc/mailroom' })).toContain(`auth    required pam_mysql.so config_file=/etc/mailroom/${PAM_MYSQL_FILE}\n`);
    expect(file('saslauthd.default')).toContain('MECHANISMS="pam"');
    expect(file('saslauthd.default')).toContain('OPTIONS="-r -m /var/run/saslauthd"');
  });

  it.each([
    ['pw;--', "must not contain ';'"],
    [' pw', 'must not start or end with a space'],
    ['pw ', 'must not start or end with a space'],
  ])('refuses the password %j that pam_mysql would cut', (dbPassword, message) => {
    expect(cyrusProblems({ dbPassword, dbHost: '127.0.0.1' }).join()).toContain(message);
    expect(() => generatePamMysqlConf({ ...TEST_OPTIONS, dbPassword })).toThrow(message);
  });

  it('refuses an IPv6 database host', () => {
    expect(cyrusProblems({ dbPassword: 'pw', dbHost: '::1' }).join()).toContain('IPv6');
  });

  it('is a target of the config command, with /etc as default config directory', async () => {
    const r = await prepareConfigCommand(['cyrus', '--out', 'x', '--db-password', PASSWORD]);
    expect(r.ok && r.files.map((f) => f.name)).toEqual(['imapd.conf.mailroom', PAM_MYSQL_FILE, 'pam.d-cyrus', 'saslauthd.default', 'mailroom-grant.sql']);
    expect(r.ok && r.files[2]?.content).toContain(`config_file=/etc/${PAM_MYSQL_FILE}`);
    const refused = await prepareConfigCommand(['cyrus', '--out', 'x', '--db-password', 'a;b']);
    expect(refused.ok ? [] : refused.errors.join()).toContain("must not contain ';'");
  });
});
