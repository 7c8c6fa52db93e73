import { createMailboxSchema, updateMailboxSchema } from '@/lib/mailboxes/schema';
import { withSql } from './database';

/** The new-mailbox form as a browser posts it, through the same zod schema as the action. */
export function newMailboxForm(fields: Record<string, string>, minLength = 10) {
  const password = fields.password ?? 'a good long password';
  return createMailboxSchema(minLength).parse({ name: '', quota: '0', active: 'on', password, passwordConfirm: password, ...fields });
}

/** The edit form as posted (empty password = keep the current one). */
export function editMailboxForm(fields: Record<string, string>, minLength = 10) {
  return updateMailboxSchema(minLength).parse({ name: '', quota: '0', password: '', passwordConfirm: fields.password ?? '', ...fields });
}

/** Inserts a domain row directly (limits in PostfixAdmin MB; 0 unlimited, -1 disabled). */
export async function insertDomain(url: string, domain: string, limits: { mailboxes?: number; maxquota?: number; quota?: number; active?: boolean } = {}) {
  await withSql(url, (c) =>
    c.query(
      "INSERT INTO domain (domain, description, aliases, mailboxes, maxquota, quota, transport, backupmx, active, created, modified) VALUES (?, '', 0, ?, ?, ?, 'virtual', 0, ?, NOW(), NOW())",
      [domain, limits.mailboxes ?? 0, limits.maxquota ?? 0, limits.quota ?? 0, limits.active === false ? 0 : 1],
    ),
  );
}

/**
 * Runs one of the documented Postfix/Dovecot queries (shared/COMPAT.md) verbatim, with `%s`/`%u`
 * replaced by the key as the daemons do (quotes doubled). Returns the rows.
 */
export async function mailQuery(url: string, query: string, key = ''): Promise<Record<string, unknown>[]> {
  const quoted = key.replace(/'/g, "''");
  return withSql(url, (c) => c.query(query.replaceAll('%s', quoted).replaceAll('%u', quoted)));
}

export const QUERIES = {
  virtualMailboxMaps: "SELECT maildir FROM mailbox WHERE username='%s' AND active = '1'",
  virtualAliasMaps: "SELECT goto FROM alias WHERE address='%s' AND active = '1'",
  senderLoginMaps: "SELECT username FROM mailbox WHERE username='%s' AND active = '1'",
  passwordQuery: "SELECT username AS user, password FROM mailbox WHERE username = '%u' AND active = '1'",
  userQuery:
    "SELECT CONCAT('/var/vmail/', maildir) AS home, 5000 AS uid, 5000 AS gid, CONCAT('*:bytes=', quota) AS quota_rule FROM mailbox WHERE username = '%u' AND active = '1'",
  iterateQuery: "SELECT username AS user FROM mailbox WHERE active = '1'",
} as const;
