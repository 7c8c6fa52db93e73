import type { MailConfigOptions } from './options';

/** Valid options for generator tests, with a password written to break out of every target syntax. */
export const HOSTILE_PASSWORD = `p"a'ss\\w#rd$x;--`;

export const TEST_OPTIONS: MailConfigOptions = {
  dbHost: '127.0.0.1',
  dbPort: 3306,
  dbName: 'postfix',
  dbUser: 'mailroom_mail',
  dbPassword: HOSTILE_PASSWORD,
  grantHost: '127.0.0.1',
  mailBase: '/var/vmail',
  vmailUid: 5000,
  vmailGid: 5001,
  vmailUser: 'vmail',
  configDir: '/etc/postfix/sql',
  virtualTransport: 'lmtp:unix:private/dovecot-lmtp',
};
