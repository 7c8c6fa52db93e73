// Postfix's documented lookups for PostfixAdmin's schema (shared/COMPAT.md), verbatim, and the way
// Postfix's mysql client fills in a lookup key (mysql_table(5)): the key is lowercased, %s is the
// whole key, %u its local part, %d its domain (split at the last '@'). A key without '@' suppresses
// %d queries, and an empty local part suppresses %u queries: Postfix then returns "not found".

export const POSTFIX_QUERIES = {
  virtual_mailbox_domains: "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '0' AND active = '1'",
  relay_domains: "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '1' AND active = '1'",
  transport_maps: "SELECT transport FROM domain WHERE domain='%s' AND active = '1'",
  virtual_alias_maps: "SELECT goto FROM alias WHERE address='%s' AND active = '1'",
  virtual_alias_domain_maps:
    "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('%u', '@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
  virtual_alias_domain_catchall_maps:
    "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
  virtual_mailbox_maps: "SELECT maildir FROM mailbox WHERE username='%s' AND active = '1'",
  virtual_alias_domain_mailbox_maps:
    "SELECT maildir FROM mailbox,alias_domain WHERE alias_domain.alias_domain = '%d' AND mailbox.username = CONCAT('%u', '@', alias_domain.target_domain) AND mailbox.active = 1 AND alias_domain.active = 1",
} as const;

export type MapName = keyof typeof POSTFIX_QUERIES;

/** main.cf's virtual_alias_maps, in PostfixAdmin's documented order (the first map that answers wins). */
export const VIRTUAL_ALIAS_MAPS = ['virtual_alias_maps', 'virtual_alias_domain_maps', 'virtual_alias_domain_catchall_maps'] as const satisfies readonly MapName[];
/** main.cf's virtual_mailbox_maps, in PostfixAdmin's documented order. */
export const VIRTUAL_MAILBOX_MAPS = ['virtual_mailbox_maps', 'virtual_alias_domain_mailbox_maps'] as const satisfies readonly MapName[];

export interface ExpandedQuery {
  /** the literal query with each quoted %-expansion turned into a bound `?` placeholder */
  sql: string;
  params: string[];
  /** the query exactly as Postfix sends it (values escaped as mysql_real_escape_string does), for display */
  display: string;
}

/** Escapes a value the way mysql_real_escape_string does, which is what Postfix's mysql client uses. */
export function escapeMysqlString(value: string): string {
  return value.replace(/[\0\n\r\\'"\x1a]/g, (c) => ({ '\0': '\\0', '\n': '\\n', '\r': '\\r', '\\': '\\\\', "'": "\\'", '"': '\\"', '\x1a': '\\Z' })[c] ?? c);
}

function splitKey(key: string): { local: string; domain: string | null } {
  const at = key.lastIndexOf('@');
  return at < 0 ? { local: key, domain: null } : { local: key.slice(0, at), domain: key.slice(at + 1) };
}

/**
 * Fills a lookup key into one of the documented queries as Postfix would; null when Postfix would
 * not run the query at all. Values are bound as parameters, never pasted into the SQL text.
 */
export function expandPostfixQuery(template: string, rawKey: string): ExpandedQuery | null {
  const key = rawKey.toLowerCase();
  const { local, domain } = splitKey(key);
  const values: Record<string, string | null> = { s: key, u: local === '' ? null : local, d: domain === null || domain === '' ? null : domain };
  const params: string[] = [];
  let suppressed = false;
  const pattern = /'%([sud])'/g;
  const sql = template.replace(pattern, (_m, code: string) => {
    const value = values[code] ?? null;
    if (value === null) suppressed = true;
    params.push(value ?? '');
    return '?';
  });
  if (suppressed) return null;
  let i = 0;
  const display = template.replace(pattern, () => `'${escapeMysqlString(params[i++] ?? '')}'`);
  return { sql, params, display };
}
