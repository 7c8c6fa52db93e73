import mariadb from 'mariadb';
import { expect } from 'vitest';
import { parseDatabaseUrl } from '@/lib/db/connection';
import { withSql } from './database';
import { type RunResult, findProblems, md5crypt } from './postfixadmin';

// What the drop-in test (postfixadmin-dropin.test.ts) compares: snapshots of every table's definition
// and rows, the rows PostfixAdmin itself would write, and Postfix's and Dovecot's lookups.

export const ADMIN = { username: 'admin@example.org', password: 'Admin pass 1!' };
export const MAILBOX = { username: 'alice@example.org', password: 'Alice pass 2!' };

export type Row = Record<string, unknown>;
export interface TableSnapshot {
  /** SHOW CREATE TABLE without the AUTO_INCREMENT counter */
  createTable: string;
  /** column name -> its full definition from information_schema */
  columns: Map<string, string>;
  rows: Row[];
}
export type Snapshot = Map<string, TableSnapshot>;

function normalizeValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  return value;
}

/** Every table of the database: its definition and all its rows, in a stable order. */
export async function takeSnapshot(url: string): Promise<Snapshot> {
  const { connectionLimit: _unused, ...options } = parseDatabaseUrl(url);
  const conn = await mariadb.createConnection({ ...options, dateStrings: true });
  try {
    const snapshot: Snapshot = new Map();
    const tables: { t: string }[] = await conn.query(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    const columns: { t: string; c: string; def: string }[] = await conn.query(
      `SELECT table_name AS t, column_name AS c,
              CONCAT_WS(' ', column_type, IF(is_nullable = 'YES', 'NULL', 'NOT NULL'), CONCAT('DEFAULT ', IFNULL(column_default, '(none)')),
                        NULLIF(extra, ''), CONCAT(character_set_name, '/', collation_name), NULLIF(CONCAT('COMMENT ', QUOTE(column_comment)), "COMMENT ''")) AS def
         FROM information_schema.columns WHERE table_schema = DATABASE() ORDER BY table_name, ordinal_position`,
    );
    for (const { t } of tables) {
      const [create] = (await conn.query(`SHOW CREATE TABLE \`${t}\``)) as { 'Create Table': string }[];
      const tableColumns = new Map(columns.filter((c) => c.t === t).map((c) => [c.c, c.def]));
      const order = [...tableColumns.keys()].map((_, i) => i + 1).join(', ');
      const rows = ((await conn.query(`SELECT * FROM \`${t}\` ORDER BY ${order}`)) as Row[]).map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalizeValue(v)])),
      );
      snapshot.set(t, { createTable: (create?.['Create Table'] ?? '').replace(/ AUTO_INCREMENT=\d+/, ''), columns: tableColumns, rows });
    }
    return snapshot;
  } finally {
    await conn.end();
  }
}

export function table(snapshot: Snapshot, name: string): TableSnapshot {
  const t = snapshot.get(name);
  if (!t) throw new Error(`table ${name} is not in the snapshot`);
  return t;
}

/** Column definitions that differ between two snapshots of the same tables, as sentences. */
export function columnChanges(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [t, b] of before) {
    const a = after.get(t);
    if (!a) {
      changes.push(`${t}: table was removed`);
      continue;
    }
    for (const [c, def] of b.columns) {
      const now = a.columns.get(c);
      if (now === undefined) changes.push(`${t}.${c}: column was removed (was ${def})`);
      else if (now !== def) changes.push(`${t}.${c}: was ${def}, now ${now}`);
    }
    for (const [c, def] of a.columns) if (!b.columns.has(c)) changes.push(`${t}.${c}: column was added (${def})`);
  }
  return changes;
}

/** The rows of a table reduced to some columns, as sorted JSON lines (for tables that gained columns). */
export function projectRows(rows: Row[], columns: string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => r[c]))).sort();
}

/** Writes the rows PostfixAdmin 3.3 writes for a superadmin, a domain, a mailbox, its aliases and the rest. */
export async function addPostfixAdminRows(url: string): Promise<void> {
  const adminHash = await md5crypt(ADMIN.password);
  const mailboxHash = await md5crypt(MAILBOX.password);
  await withSql(url, async (conn) => {
    // setup.php: the 'ALL' pseudo-domain, then the superadmin with its domain_admins 'ALL' row
    await conn.query("INSERT INTO domain (domain, description, transport, created, modified) VALUES ('ALL', '', '', NOW(), NOW())");
    await conn.query(
      `INSERT INTO admin (username, password, superadmin, active, phone, email_other, token, token_validity, created, modified)
       VALUES (?, ?, 1, 1, '', '', '', '2000-01-01 00:00:00', NOW(), NOW())`,
      [ADMIN.username, adminHash],
    );
    await conn.query("INSERT INTO domain_admins (username, domain, created, active) VALUES (?, 'ALL', NOW(), 1)", [ADMIN.username]);
    // DomainHandler: limits in MB of 1,024,000 bytes
    await conn.query(
      `INSERT INTO domain (domain, description, aliases, mailboxes, maxquota, quota, transport, backupmx, active, password_expiry, created, modified) VALUES
         ('example.org', 'Example – Büro Zürich', 10, 10, 10, 2048, 'virtual', 0, 1, 0, NOW(), NOW()),
         ('alias.test', 'alias domain of example.org', 0, 0, 0, 0, 'virtual', 0, 1, 0, NOW(), NOW()),
         ('backup.test', 'we are its backup MX', 0, 0, 0, 0, 'relay:[mx.backup.test]', 1, 1, 0, NOW(), NOW())`,
    );
    // MailboxHandler: quota in bytes (10 MB = 10 * 1,024,000), maildir relative with a trailing slash, its self alias
    await conn.query(
      `INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, active, phone, email_other, token, token_validity, password_expiry, created, modified)
       VALUES (?, ?, 'Alice Müller 😀', 'example.org/alice/', 10240000, 'alice', 'example.org', 1, '', '', '', '2000-01-01 00:00:00', NOW() + INTERVAL 90 DAY, NOW(), NOW())`,
      [MAILBOX.username, mailboxHash],
    );
    await conn.query(
      `INSERT INTO alias (address, goto, domain, active, created, modified) VALUES
         ('alice@example.org', 'alice@example.org', 'example.org', 1, NOW(), NOW()),
         ('team@example.org', 'alice@example.org,bob@elsewhere.test', 'example.org', 1, NOW(), NOW()),
         ('@example.org', 'alice@example.org', 'example.org', 1, NOW(), NOW()),
         ('old@example.org', 'alice@example.org', 'example.org', 0, NOW(), NOW())`,
    );
    await conn.query("INSERT INTO alias_domain (alias_domain, target_domain, active, created, modified) VALUES ('alias.test', 'example.org', 1, NOW(), NOW())");
    await conn.query(
      "INSERT INTO log (timestamp, username, domain, action, data) VALUES (NOW(), 'admin@example.org (127.0.0.1)', 'example.org', 'create_mailbox', 'alice@example.org')",
    );
    await conn.query(
      `INSERT INTO vacation (email, subject, body, cache, domain, active, activefrom, activeuntil, interval_time, created, modified)
       VALUES ('alice@example.org', 'Abwesend – 休暇 🌴', 'Bin weg.\nÜbermorgen zurück.', '', 'example.org', 0, '2000-01-01 00:00:00', '2038-01-18 00:00:00', 0, NOW(), NOW())`,
    );
    await conn.query("INSERT INTO vacation_notification (on_vacation, notified, notified_at) VALUES ('alice@example.org', 'bob@elsewhere.test', NOW())");
    await conn.query("INSERT INTO quota2 (username, bytes, messages) VALUES ('alice@example.org', 123456, 7)");
  });
}

export async function configVersion(url: string): Promise<string[]> {
  const rows: { value: string }[] = await withSql(url, (conn) => conn.query("SELECT value FROM config WHERE name = 'version'"));
  return rows.map((r) => r.value);
}

/** upgrade.php succeeded: exit 0, nothing on stderr, no error or warning in what it printed. */
export function expectCleanRun(result: RunResult): void {
  expect(findProblems(result.stdout), result.stdout).toEqual([]);
  expect(result.stderr).toBe('');
  expect(result.code, result.stdout).toBe(0);
}

// Postfix's documented queries (shared/COMPAT.md), and Dovecot's; %s = key, %u = local part, %d = domain.
const MAP_QUERIES = {
  virtual_mailbox_domains: "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '0' AND active = '1'",
  virtual_alias_maps: "SELECT goto FROM alias WHERE address='%s' AND active = '1'",
  virtual_alias_maps_alias_domain:
    "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('%u', '@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
  virtual_alias_maps_alias_domain_catchall:
    "SELECT goto FROM alias,alias_domain WHERE alias_domain.alias_domain = '%d' AND alias.address = CONCAT('@', alias_domain.target_domain) AND alias.active = 1 AND alias_domain.active = 1",
  virtual_mailbox_maps: "SELECT maildir FROM mailbox WHERE username='%s' AND active = '1'",
  virtual_mailbox_maps_alias_domain:
    "SELECT maildir FROM mailbox,alias_domain WHERE alias_domain.alias_domain = '%d' AND mailbox.username = CONCAT('%u', '@', alias_domain.target_domain) AND mailbox.active = 1 AND alias_domain.active = 1",
  relay_domains: "SELECT domain FROM domain WHERE domain='%s' AND backupmx = '1' AND active = '1'",
  transport_maps: "SELECT transport FROM domain WHERE domain='%s' AND active = '1'",
  smtpd_sender_login_maps: "SELECT username FROM mailbox WHERE username='%s' AND active = '1'",
  dovecot_password_query: "SELECT username AS user, password FROM mailbox WHERE username = '%s' AND active = '1'",
  dovecot_user_query:
    "SELECT CONCAT('/var/vmail/', maildir) AS home, 5000 AS uid, 5000 AS gid, CONCAT('*:bytes=', quota) AS quota_rule FROM mailbox WHERE username = '%s' AND active = '1'",
  dovecot_quota_dict: "SELECT bytes, messages FROM quota2 WHERE username = '%s'",
} as const;

const LOOKUPS: [keyof typeof MAP_QUERIES, string][] = [
  ['virtual_mailbox_domains', 'example.org'],
  ['virtual_mailbox_domains', 'EXAMPLE.org'],
  ['virtual_mailbox_domains', 'backup.test'],
  ['virtual_mailbox_domains', 'nowhere.test'],
  ['virtual_alias_maps', 'alice@example.org'],
  ['virtual_alias_maps', 'team@example.org'],
  ['virtual_alias_maps', '@example.org'],
  ['virtual_alias_maps', 'old@example.org'],
  ['virtual_alias_maps_alias_domain', 'team@alias.test'],
  ['virtual_alias_maps_alias_domain', 'alice@alias.test'],
  ['virtual_alias_maps_alias_domain_catchall', 'anyone@alias.test'],
  ['virtual_mailbox_maps', 'alice@example.org'],
  ['virtual_mailbox_maps', 'bob@example.org'],
  ['virtual_mailbox_maps_alias_domain', 'alice@alias.test'],
  ['relay_domains', 'backup.test'],
  ['relay_domains', 'example.org'],
  ['transport_maps', 'example.org'],
  ['transport_maps', 'backup.test'],
  ['smtpd_sender_login_maps', 'alice@example.org'],
  ['dovecot_password_query', 'alice@example.org'],
  ['dovecot_user_query', 'alice@example.org'],
  ['dovecot_quota_dict', 'alice@example.org'],
];

/** Runs every lookup as Postfix or Dovecot would (plain connection, key substituted); an SQL error becomes the answer. */
export async function answerLookups(url: string): Promise<Record<string, unknown>> {
  return withSql(url, async (conn) => {
    const answers: Record<string, unknown> = {};
    for (const [map, key] of LOOKUPS) {
      const [local = '', domain = ''] = key.includes('@') ? [key.slice(0, key.lastIndexOf('@')), key.slice(key.lastIndexOf('@') + 1)] : ['', key];
      const sql = MAP_QUERIES[map].replaceAll('%s', key).replaceAll('%u', local).replaceAll('%d', domain);
      try {
        const rows = (await conn.query(sql)) as Row[];
        answers[`${map}(${key})`] = rows.map((r) => Object.values(r).map((v) => String(normalizeValue(v))).join(' | '));
      } catch (err) {
        answers[`${map}(${key})`] = `ERROR ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    return answers;
  });
}

export function expectedAnswers(passwordHash: string): Record<string, string[]> {
  return {
    'virtual_mailbox_domains(example.org)': ['example.org'],
    'virtual_mailbox_domains(EXAMPLE.org)': ['example.org'],
    'virtual_mailbox_domains(backup.test)': [],
    'virtual_mailbox_domains(nowhere.test)': [],
    'virtual_alias_maps(alice@example.org)': ['alice@example.org'],
    'virtual_alias_maps(team@example.org)': ['alice@example.org,bob@elsewhere.test'],
    'virtual_alias_maps(@example.org)': ['alice@example.org'],
    'virtual_alias_maps(old@example.org)': [],
    'virtual_alias_maps_alias_domain(team@alias.test)': ['alice@example.org,bob@elsewhere.test'],
    'virtual_alias_maps_alias_domain(alice@alias.test)': ['alice@example.org'],
    'virtual_alias_maps_alias_domain_catchall(anyone@alias.test)': ['alice@example.org'],
    'virtual_mailbox_maps(alice@example.org)': ['example.org/alice/'],
    'virtual_mailbox_maps(bob@example.org)': [],
    'virtual_mailbox_maps_alias_domain(alice@alias.test)': ['example.org/alice/'],
    'relay_domains(backup.test)': ['backup.test'],
    'relay_domains(example.org)': [],
    'transport_maps(example.org)': ['virtual'],
    'transport_maps(backup.test)': ['relay:[mx.backup.test]'],
    'smtpd_sender_login_maps(alice@example.org)': ['alice@example.org'],
    'dovecot_password_query(alice@example.org)': [`alice@example.org | ${passwordHash}`],
    'dovecot_user_query(alice@example.org)': ['/var/vmail/example.org/alice/ | 5000 | 5000 | *:bytes=10240000'],
    'dovecot_quota_dict(alice@example.org)': ['123456 | 7'],
  };
}

export const MAILROOM_TABLE = /^(mailroom_\w+|_prisma_migrations)$/;
