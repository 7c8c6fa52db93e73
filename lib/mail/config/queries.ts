// The queries Postfix and Dovecot run on PostfixAdmin's schema, exactly as documented
// (shared COMPAT.md; PostfixAdmin's DOCUMENTS/POSTFIX_CONF.txt and DOVECOT.txt). Existing
// installations already run these: Mailroom's tables must answer them unchanged.

/** Postfix mysql_table(5) queries: %s is the whole key, %u its local part, %d its domain (all SQL-escaped by Postfix). */
export const POSTFIX_QUERIES = {
  virtualDomains: "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '0' AND active = '1'",
  virtualAliases: "SELECT goto FROM alias WHERE address='%s' AND active = '1'",
  aliasDomainAliases:
    "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('%u', '@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
  aliasDomainCatchall:
    "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
  virtualMailboxes: "SELECT maildir FROM mailbox WHERE username='%s' AND active = '1'",
  aliasDomainMailboxes:
    "SELECT maildir FROM mailbox,alias_domain WHERE alias_domain.alias_domain = '%d' AND mailbox.username = CONCAT('%u', '@', alias_domain.target_domain) AND mailbox.active = 1 AND alias_domain.active = 1",
  relayDomains: "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '1' AND active = '1'",
  transport: "SELECT transport FROM domain WHERE domain='%s' AND active = '1'",
  senderLogins: "SELECT username FROM mailbox WHERE username='%s' AND active = '1'",
  // mailbox quota in bytes (0 = unlimited), for a quota policy service
  quotaLimit: "SELECT quota FROM mailbox WHERE username='%s' AND active = '1'",
} as const;

export type PostfixMap = keyof typeof POSTFIX_QUERIES;

/** Dovecot auth queries (%u is the SQL-escaped user name); the base path, uid and gid are the installation's. */
export function dovecotQueries(mailBase: string, uid: number, gid: number) {
  return {
    password: "SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = '1'",
    user: `SELECT CONCAT('${mailBase}/', maildir) AS home, ${uid} AS uid, ${gid} AS gid, CONCAT('*:bytes=', quota) AS quota_rule FROM mailbox WHERE username = '%u' AND active = '1'`,
    iterate: "SELECT username AS user FROM mailbox WHERE active = '1'",
  };
}

/** The tables the maps and Dovecot only read, and the one Dovecot's dict quota writes. */
export const READ_TABLES = ['domain', 'alias', 'alias_domain', 'mailbox'] as const;
export const DICT_TABLE = 'quota2';
