import mariadb from 'mariadb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '@/lib/db/connection';
import { applyMigrations, readMigrations } from '@/lib/db/migrate';
import { createTestDatabase, withSql } from './helpers/database';
import { type PostfixAdmin, type RunResult, findProblems, md5crypt, setUpPostfixAdmin } from './helpers/postfixadmin';

// The drop-in proof, with Debian 12's real PostfixAdmin 3.3: Mailroom adopts a database PostfixAdmin
// built and filled without changing a row or a column, Postfix's queries keep answering, and
// PostfixAdmin itself keeps working on the adopted database (and on one Mailroom built).

const ADMIN = { username: 'admin@example.org', password: 'Admin pass 1!' };
const MAILBOX = { username: 'alice@example.org', password: 'Alice pass 2!' };

type Row = Record<string, unknown>;
interface TableSnapshot {
  /** SHOW CREATE TABLE without the AUTO_INCREMENT counter */
  createTable: string;
  /** column name -> its full definition from information_schema */
  columns: Map<string, string>;
  rows: Row[];
}
type Snapshot = Map<string, TableSnapshot>;

function normalizeValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Buffer.isBuffer(value)) return `0x${value.toString('hex')}`;
  return value;
}

/** Every table of the database: its definition and all its rows, in a stable order. */
async function takeSnapshot(url: string): Promise<Snapshot> {
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

function table(snapshot: Snapshot, name: string): TableSnapshot {
  const t = snapshot.get(name);
  if (!t) throw new Error(`table ${name} is not in the snapshot`);
  return t;
}

/** Column definitions that differ between two snapshots of the same tables, as sentences. */
function columnChanges(before: Snapshot, after: Snapshot): string[] {
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
function projectRows(rows: Row[], columns: string[]): string[] {
  return rows.map((r) => JSON.stringify(columns.map((c) => r[c]))).sort();
}

/** Writes the rows PostfixAdmin 3.3 writes for a superadmin, a domain, a mailbox, its aliases and the rest. */
async function addPostfixAdminRows(url: string): Promise<void> {
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

async function configVersion(url: string): Promise<string[]> {
  const rows: { value: string }[] = await withSql(url, (conn) => conn.query("SELECT value FROM config WHERE name = 'version'"));
  return rows.map((r) => r.value);
}

/** upgrade.php succeeded: exit 0, nothing on stderr, no error or warning in what it printed. */
function expectCleanRun(result: RunResult): void {
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
async function answerLookups(url: string): Promise<Record<string, unknown>> {
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

function expectedAnswers(passwordHash: string): Record<string, string[]> {
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

const MAILROOM_TABLE = /^(mailroom_\w+|_prisma_migrations)$/;

let postfixAdmin: PostfixAdmin;

beforeAll(async () => {
  postfixAdmin = await setUpPostfixAdmin();
});

afterAll(async () => {
  await postfixAdmin?.remove();
});

it("runs Debian 12's PostfixAdmin 3.3", () => {
  expect(postfixAdmin.version).toMatch(/^3\.3\.\d+/);
});

describe('adopting a database PostfixAdmin 3.3 built and filled', () => {
  let url = '';
  let built: RunResult;
  let before: Snapshot;
  let after: Snapshot;
  let applied: string[] = [];
  let answersBefore: Record<string, unknown>;
  let passwordHash = '';

  beforeAll(async () => {
    url = await createTestDatabase('pfa');
    built = await postfixAdmin.upgrade(url);
    await addPostfixAdminRows(url);
    passwordHash = await withSql(url, async (conn) => ((await conn.query('SELECT password FROM mailbox')) as { password: string }[])[0]?.password ?? '');
    answersBefore = await answerLookups(url);
    before = await takeSnapshot(url);
    ({ applied } = await applyMigrations(url));
    after = await takeSnapshot(url);
  });

  it("is a database PostfixAdmin's upgrade.php built to schema 1847 without an error or warning", () => {
    expectCleanRun(built);
    expect(built.stdout).toContain('updating to version 1847');
    expect(table(before, 'config').rows).toEqual([expect.objectContaining({ name: 'version', value: '1847' })]);
    expect(passwordHash).toMatch(/^\$1\$[./0-9A-Za-z]{1,8}\$[./0-9A-Za-z]{22}$/);
  });

  it('applies every Mailroom migration', async () => {
    expect(applied).toEqual((await readMigrations()).map((m) => m.name));
  });

  it('adds only Mailroom tables (mailroom_*, _prisma_migrations)', () => {
    const added = [...after.keys()].filter((t) => !before.has(t));
    expect(added.filter((t) => !MAILROOM_TABLE.test(t)), 'tables added that are not Mailroom’s').toEqual([]);
    expect(added).toEqual(expect.arrayContaining(['_prisma_migrations', 'mailroom_setting']));
    expect([...before.keys()].filter((t) => !after.has(t)), 'tables removed').toEqual([]);
  });

  it('changes no column of any PostfixAdmin table (type, charset, collation, default, nullability)', () => {
    expect(columnChanges(before, after)).toEqual([]);
    for (const [t, b] of before) expect(table(after, t).createTable, `SHOW CREATE TABLE ${t}`).toBe(b.createTable);
  });

  it('changes no row of any PostfixAdmin table', () => {
    expect(before.size).toBeGreaterThanOrEqual(13);
    for (const [t, b] of before) expect(table(after, t).rows, `rows of ${t}`).toEqual(b.rows);
    expect(table(after, 'mailbox').rows).toHaveLength(1);
  });

  it('keeps config version 1847', async () => {
    expect(await configVersion(url)).toEqual(['1847']);
  });

  it('applies nothing and changes nothing when run again', async () => {
    const again = await applyMigrations(url);
    expect(again.applied).toEqual([]);
    const third = await takeSnapshot(url);
    expect(columnChanges(after, third)).toEqual([]);
    for (const [t, a] of after) expect(table(third, t).rows, `rows of ${t}`).toEqual(a.rows);
  });

  it("still answers Postfix's and Dovecot's documented queries, alias-domain joins included, without a collation error", async () => {
    const answers = await answerLookups(url);
    expect(answers).toEqual(expectedAnswers(passwordHash));
    expect(answers).toEqual(answersBefore);
  });

  it("lets PostfixAdmin's upgrade.php find the adopted database up to date, without an error or warning", async () => {
    const result = await postfixAdmin.upgrade(url);
    expectCleanRun(result);
    expect(result.stdout).toContain('Database is up to date: 1847/1847');
    expect(await configVersion(url)).toEqual(['1847']);
  });

  it("lets PostfixAdmin's own login check accept the superadmin and the mailbox, and refuse a wrong password", async () => {
    const check = await postfixAdmin.check(url, {
      admin: ADMIN.username, adminPassword: ADMIN.password, mailbox: MAILBOX.username, mailboxPassword: MAILBOX.password,
    });
    expect(check).toEqual({
      dbVersion: 1847,
      minDbVersion: expect.any(Number),
      adminLogin: true,
      adminWrongPasswordLogin: false,
      mailboxLogin: true,
      isSuperadmin: true,
      adminDomains: ['alias.test', 'backup.test', 'example.org'],
    });
    expect(check.dbVersion).toBeGreaterThanOrEqual(check.minDbVersion);
  });

  // Last in this block: a Mailroom login rehashes the password (see the README on coexistence).
  it("lets PostfixAdmin's admin log in to Mailroom with the same password", async () => {
    process.env.DATABASE_URL = url;
    process.env.NEXTAUTH_SECRET ??= 'integration-tests-secret-0123456789abcdef';
    const { authenticateAdmin } = await import('@/lib/auth/authenticate');
    expect(await authenticateAdmin(ADMIN.username, 'wrong password')).toBeNull();
    expect(await authenticateAdmin(ADMIN.username, ADMIN.password)).toEqual({ username: ADMIN.username });
    const { getDb } = await import('@/lib/db/client');
    await getDb().$disconnect();
  });
});

// What PostfixAdmin's upgrade_1837 … upgrade_1844 added (3.2 and 3.3): a database from before them lacks these.
const LATE_COLUMNS = [
  'admin.phone', 'admin.email_other', 'admin.token', 'admin.token_validity',
  'mailbox.phone', 'mailbox.email_other', 'mailbox.token', 'mailbox.token_validity',
  'log.id', 'mailbox.password_expiry', 'domain.password_expiry', 'fetchmail.src_port', 'domain_admins.id',
];

describe('adopting a database from before PostfixAdmin 3.3', () => {
  let url = '';
  let reference: Snapshot;
  let older: Snapshot;
  let adopted: Snapshot;

  beforeAll(async () => {
    url = await createTestDatabase('pfaold');
    expectCleanRun(await postfixAdmin.upgrade(url));
    await addPostfixAdminRows(url);
    reference = await takeSnapshot(url);
    // Turn it into the database an older PostfixAdmin left: without the late columns, at schema version 1836.
    await withSql(url, async (conn) => {
      for (const column of LATE_COLUMNS) {
        const [t, c] = column.split('.');
        await conn.query(`ALTER TABLE \`${t}\` DROP COLUMN \`${c}\``);
      }
      await conn.query("UPDATE config SET value = '1836' WHERE name = 'version'");
    });
    older = await takeSnapshot(url);
    await applyMigrations(url);
    adopted = await takeSnapshot(url);
  });

  it('gets exactly the missing columns back, each defined as PostfixAdmin 3.3 defines it, and nothing else changes', () => {
    expect(columnChanges(older, adopted).filter((change) => !/: column was added/.test(change)), 'existing columns changed').toEqual([]);
    const added = [...older].flatMap(([t, o]) => [...table(adopted, t).columns.keys()].filter((c) => !o.columns.has(c)).map((c) => `${t}.${c}`));
    expect(added.sort()).toEqual([...LATE_COLUMNS].sort());
    for (const column of LATE_COLUMNS) {
      const [t = '', c = ''] = column.split('.');
      expect(table(adopted, t).columns.get(c), column).toBe(table(reference, t).columns.get(c));
    }
  });

  it("ends up with exactly PostfixAdmin 3.3's tables, keys and indexes", () => {
    for (const [t, r] of reference) expect(table(adopted, t).createTable, `SHOW CREATE TABLE ${t}`).toBe(r.createTable);
  });

  it('keeps every row, and fills the new columns with their defaults', () => {
    for (const [t, o] of older) {
      const columns = [...o.columns.keys()];
      expect(projectRows(table(adopted, t).rows, columns), `rows of ${t}`).toEqual(projectRows(o.rows, columns));
    }
    expect(table(adopted, 'admin').rows).toEqual([
      expect.objectContaining({ username: ADMIN.username, phone: '', email_other: '', token: '', token_validity: '2000-01-01 00:00:00' }),
    ]);
    expect(table(adopted, 'mailbox').rows).toEqual([expect.objectContaining({ username: MAILBOX.username, password_expiry: '2000-01-01 00:00:00' })]);
    expect(table(adopted, 'domain_admins').rows.map((r) => r.id)).toEqual([1]);
    expect(table(adopted, 'log').rows.map((r) => r.id)).toEqual([1]);
  });

  it('leaves config at the version PostfixAdmin reached, so PostfixAdmin still runs its own later steps', async () => {
    expect(await configVersion(url)).toEqual(['1836']);
  });

  it("lets PostfixAdmin 3.3's upgrade.php then finish its steps to 1847 cleanly, rows and schema intact", async () => {
    const result = await postfixAdmin.upgrade(url);
    expectCleanRun(result);
    expect(result.stdout).toContain('old version: 1836; target version: 1847');
    expect(await configVersion(url)).toEqual(['1847']);
    const upgraded = await takeSnapshot(url);
    // upgrade_1842 resets the 'ALL' pseudo-domain's dates to 2000-01-01; that row is PostfixAdmin's to change
    const withoutAllDates = (rows: Row[]) => rows.map((r) => (r.domain === 'ALL' ? { ...r, created: '-', modified: '-' } : r));
    for (const [t, a] of adopted) {
      expect(table(upgraded, t).createTable, `SHOW CREATE TABLE ${t}`).toBe(a.createTable);
      if (t !== 'config') expect(withoutAllDates(table(upgraded, t).rows), `rows of ${t}`).toEqual(withoutAllDates(a.rows));
    }
  });
});

describe('a database Mailroom builds from empty', () => {
  let mailroomUrl = '';
  let postfixAdminUrl = '';

  beforeAll(async () => {
    mailroomUrl = await createTestDatabase('mrnew');
    await applyMigrations(mailroomUrl);
    postfixAdminUrl = await createTestDatabase('pfanew');
    expectCleanRun(await postfixAdmin.upgrade(postfixAdminUrl));
  });

  it('has table for table, column for column and key for key what PostfixAdmin 3.3 builds', async () => {
    const mine = await takeSnapshot(mailroomUrl);
    const theirs = await takeSnapshot(postfixAdminUrl);
    expect([...mine.keys()].filter((t) => !MAILROOM_TABLE.test(t))).toEqual([...theirs.keys()]);
    expect(columnChanges(theirs, mine)).toEqual([]);
    for (const [t, p] of theirs) {
      expect(table(mine, t).createTable, `SHOW CREATE TABLE ${t}`).toBe(p.createTable);
      expect(table(mine, t).rows, `rows of ${t}`).toEqual(p.rows);
    }
  });

  it('is one PostfixAdmin 3.3 takes as its own: up to date, and its login works', async () => {
    const result = await postfixAdmin.upgrade(mailroomUrl);
    expectCleanRun(result);
    expect(result.stdout).toContain('Database is up to date: 1847/1847');
    await addPostfixAdminRows(mailroomUrl);
    const check = await postfixAdmin.check(mailroomUrl, {
      admin: ADMIN.username, adminPassword: ADMIN.password, mailbox: MAILBOX.username, mailboxPassword: MAILBOX.password,
    });
    expect(check).toMatchObject({ dbVersion: 1847, adminLogin: true, adminWrongPasswordLogin: false, mailboxLogin: true, isSuperadmin: true });
  });
});
