import { DES_HASH } from '@/lib/passwords/crypt';
import type { PasswordMode } from './types';

// web-cyradm stores DES crypt() (pam_mysql crypt=1), a plain MD5 hex digest, the password itself,
// or MySQL's PASSWORD(): each gets the {SCHEME} prefix Dovecot and lib/passwords read it by.

const CRYPT = /^(\$(1|5|6)\$[^$]{0,16}\$[./0-9A-Za-z]+|\$2[abxy]\$\d\d\$[./0-9A-Za-z]{53})$/;
const MD5_HEX = /^[0-9a-f]{32}$/i;
const MYSQL_PASSWORD = /^(\*[0-9A-F]{40}|[0-9a-f]{16})$/i;

export type MappedPassword = { ok: true; stored: string } | { ok: false; reason: string };

const fail = (reason: string): MappedPassword => ({ ok: false, reason: `import.reasons.${reason}` });

function isCrypt(value: string): boolean {
  return CRYPT.test(value) || DES_HASH.test(value);
}

/** The stored form of a web-cyradm password, or why it cannot be carried over. */
export function mapPassword(value: string, mode: PasswordMode): MappedPassword {
  if (value === '') return fail('passwordEmpty');
  // mailbox.password and admin.password are latin1 columns
  if (/[^\x20-\xff]/.test(value)) return fail('passwordChars');
  switch (mode) {
    case 'crypt':
      return isCrypt(value) ? { ok: true, stored: `{CRYPT}${value}` } : fail('passwordNotCrypt');
    case 'md5':
      return MD5_HEX.test(value) ? { ok: true, stored: `{PLAIN-MD5}${value.toLowerCase()}` } : fail('passwordNotMd5');
    case 'plain':
      return { ok: true, stored: `{PLAIN}${value}` };
    case 'auto':
      if (isCrypt(value)) return { ok: true, stored: `{CRYPT}${value}` };
      if (MD5_HEX.test(value)) return { ok: true, stored: `{PLAIN-MD5}${value.toLowerCase()}` };
      if (MYSQL_PASSWORD.test(value)) return fail('passwordMysql');
      return { ok: true, stored: `{PLAIN}${value}` };
  }
}
