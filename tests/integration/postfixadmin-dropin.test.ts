import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, readMigrations } from '@/lib/db/migrate';
import { createTestDatabase, withSql } from './helpers/database';
import { type PostfixAdmin, type RunResult, setUpPostfixAdmin } from './helpers/postfixadmin';
import { addPostfixAdminRows, ADMIN, answerLookups, columnChanges, configVersion, expectCleanRun, expectedAnswers, MAILBOX, MAILROOM_TABLE, projectRows, type Row, type Snapshot, table, takeSnapshot } from './helpers/postfixadmin-snapshot';

// The drop-in proof, with Debian 12's real PostfixAdmin 3.3: Mailroom adopts a database PostfixAdmin
// built and filled without changing a row or a column, Postfix's queries keep answering, and
// PostfixAdmin itself keeps working on the adopted database (and on one Mailroom built).

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

  it("lists PostfixAdmin's aliases in Mailroom (mailroom_alias_list filled from alias, the mailbox's own row left out)", async () => {
    const rows = await withSql(url, async (conn) => ({
      kept: ((await conn.query('SELECT address FROM mailroom_alias_list ORDER BY address')) as { address: string }[]).map((r) => r.address),
      expected: ((await conn.query('SELECT a.address FROM alias a WHERE NOT EXISTS (SELECT 1 FROM mailbox m WHERE m.username = a.address) ORDER BY a.address')) as { address: string }[]).map((r) => r.address),
    }));
    expect(rows.expected.length).toBeGreaterThan(0);
    expect(rows.kept).toEqual(rows.expected);
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

describe("taking Mailroom off a PostfixAdmin database again (the README's steps)", () => {
  it('dropping its triggers, then its tables, gives back exactly the database PostfixAdmin had', async () => {
    const url = await createTestDatabase('pfaoff');
    expectCleanRun(await postfixAdmin.upgrade(url));
    await addPostfixAdminRows(url);
    const before = await takeSnapshot(url);
    await applyMigrations(url);
    // a write while Mailroom is on goes through its triggers, and is undone
    await withSql(url, (conn) => conn.query("INSERT INTO alias (address, goto, domain) VALUES ('temp@example.org', 'x@example.net', 'example.org'); DELETE FROM alias WHERE address = 'temp@example.org'"));

    const dropped = await withSql(url, async (conn) => {
      const triggers: { name: string }[] = await conn.query("SELECT trigger_name AS name FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name LIKE 'mailroom\\_%'");
      for (const t of triggers) await conn.query(`DROP TRIGGER \`${t.name}\``);
      const tables: { name: string }[] = await conn.query(
        "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND (table_name LIKE 'mailroom\\_%' OR table_name = '_prisma_migrations')",
      );
      for (const t of tables) await conn.query(`DROP TABLE \`${t.name}\``);
      return { triggers: triggers.length, tables: tables.map((t) => t.name).sort() };
    });
    expect(dropped.triggers).toBe(8);
    expect(dropped.tables).toContain('mailroom_alias_list');
    expect(await takeSnapshot(url)).toEqual(before);
    // and PostfixAdmin's writes to alias and mailbox need nothing of Mailroom's any more
    await withSql(url, (conn) => conn.query("INSERT INTO alias (address, goto, domain) VALUES ('after@example.org', 'x@example.net', 'example.org')"));
  });
});
