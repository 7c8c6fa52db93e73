import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, MigrationError, applyMigrations, getMigrationStatus, readMigrations, resolveRolledBack } from '@/lib/db/migrate';
import { createTestDatabase, withSql } from './helpers/database';

// PostfixAdmin 3.3's tables (shared/COMPAT.md); anything else must be Mailroom's own.
const POSTFIXADMIN_TABLES = [
  'admin', 'alias', 'alias_domain', 'config', 'domain', 'domain_admins', 'fetchmail',
  'log', 'mailbox', 'quota', 'quota2', 'vacation', 'vacation_notification',
];

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

async function migrationRows(url: string): Promise<MigrationRow[]> {
  return withSql(url, (conn) => conn.query('SELECT * FROM `_prisma_migrations` ORDER BY started_at, migration_name'));
}

async function tableNames(url: string): Promise<string[]> {
  const rows: { name: string }[] = await withSql(url, (conn) =>
    conn.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY 1"),
  );
  return rows.map((r) => r.name);
}

async function sha256OfMigrationFile(dir: string, name: string): Promise<string> {
  return createHash('sha256').update(await readFile(path.join(dir, name, 'migration.sql'))).digest('hex');
}

const tempDirs: string[] = [];

/** A migrations folder of our own, in Prisma's layout. */
async function makeMigrationsDir(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'mailroom-migrations-'));
  tempDirs.push(dir);
  await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "mysql"\n');
  for (const [name, sql] of Object.entries(migrations)) await addMigration(dir, name, sql);
  return dir;
}

async function addMigration(dir: string, name: string, sql: string): Promise<void> {
  await mkdir(path.join(dir, name), { recursive: true });
  await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('migrating an empty database', () => {
  let url = '';
  let applied: string[] = [];

  beforeAll(async () => {
    url = await createTestDatabase('migrate');
    ({ applied } = await applyMigrations(url));
  });

  it('applies every migration in order', async () => {
    const files = await readMigrations();
    expect(applied).toEqual(files.map((f) => f.name));
    expect(await getMigrationStatus(url)).toEqual({ applied: files.map((f) => f.name), pending: [], failed: [], modified: [] });
  });

  it("creates all of PostfixAdmin 3.3's tables, and otherwise only Mailroom's own", async () => {
    const tables = await tableNames(url);
    expect(tables).toEqual(expect.arrayContaining([...POSTFIXADMIN_TABLES, '_prisma_migrations', 'mailroom_setting']));
    const foreign = tables.filter((t) => !POSTFIXADMIN_TABLES.includes(t) && t !== '_prisma_migrations' && !t.startsWith('mailroom_'));
    expect(foreign, 'tables that are neither PostfixAdmin 3.3 nor mailroom_*').toEqual([]);
  });

  it('records each migration in _prisma_migrations exactly as Prisma does', async () => {
    const files = await readMigrations();
    const rows = await migrationRows(url);

    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const row of rows) {
      const name = row.migration_name;
      expect(row.id, `${name}: id`).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.checksum, `${name}: checksum`).toBe(await sha256OfMigrationFile(MIGRATIONS_DIR, name));
      expect(row.finished_at, `${name}: finished_at`).toBeInstanceOf(Date);
      expect(row.finished_at!.getTime(), `${name}: finished_at >= started_at`).toBeGreaterThanOrEqual(row.started_at.getTime());
      expect(Number(row.applied_steps_count), `${name}: applied_steps_count`).toBe(1);
      expect(row.rolled_back_at, `${name}: rolled_back_at`).toBeNull();
      expect(row.logs, `${name}: logs`).toBeNull();
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it("gives _prisma_migrations Prisma's own column definitions", async () => {
    const columns: { name: string; type: string; nullable: string; dflt: string | null }[] = await withSql(url, (conn) =>
      conn.query(
        `SELECT column_name AS name, column_type AS type, is_nullable AS nullable, column_default AS dflt
           FROM information_schema.columns
          WHERE table_schema = DATABASE() AND table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      ),
    );
    // Prisma's schema engine creates it with exactly these (MySQL flavour).
    expect(columns.map((c) => `${c.name} ${c.type} ${c.nullable === 'YES' ? 'NULL' : 'NOT NULL'}${c.dflt === null || c.dflt === 'NULL' ? '' : ` DEFAULT ${c.dflt}`}`)).toEqual([
      'id varchar(36) NOT NULL',
      'checksum varchar(64) NOT NULL',
      'finished_at datetime(3) NULL',
      'migration_name varchar(255) NOT NULL',
      'logs text NULL',
      'rolled_back_at datetime(3) NULL',
      'started_at datetime(3) NOT NULL DEFAULT current_timestamp(3)',
      'applied_steps_count int(10) unsigned NOT NULL DEFAULT 0',
    ]);
  });

  it("stores PostfixAdmin's schema version 1847 in config", async () => {
    const rows: { name: string; value: string }[] = await withSql(url, (conn) => conn.query('SELECT name, value FROM config ORDER BY id'));
    expect(rows).toEqual([{ name: 'version', value: '1847' }]);
  });

  it('applies nothing the second time and leaves _prisma_migrations as it was', async () => {
    const before = await migrationRows(url);
    const second = await applyMigrations(url);
    expect(second.applied).toEqual([]);
    expect(await migrationRows(url)).toEqual(before);
    const config: { n: bigint }[] = await withSql(url, (conn) => conn.query('SELECT COUNT(*) AS n FROM config'));
    expect(Number(config[0]?.n)).toBe(1);
  });
});

describe('a failing migration', () => {
  const good = '20240101000000_good';
  const broken = '20240102000000_broken';
  let url = '';
  let dir = '';
  let failure: unknown;

  beforeAll(async () => {
    url = await createTestDatabase('migfail');
    dir = await makeMigrationsDir({
      [good]: 'CREATE TABLE mailroom_good (id int PRIMARY KEY);\n',
      [broken]: 'CREATE TABLE mailroom_half (id int PRIMARY KEY);\nTHIS IS NOT SQL;\n',
    });
    failure = await applyMigrations(url, dir).then(
      () => undefined,
      (err: unknown) => err,
    );
  });

  it('rejects with an error naming the migration and the database error', () => {
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toContain(broken);
    expect((failure as Error).message).toMatch(/SQL syntax/);
  });

  it('is recorded with finished_at NULL and the error in logs, after the earlier migration succeeded', async () => {
    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual([good, broken]);
    const [ok, failed] = rows;
    expect(ok?.finished_at).toBeInstanceOf(Date);
    expect(ok?.logs).toBeNull();
    expect(failed?.finished_at).toBeNull();
    expect(failed?.rolled_back_at).toBeNull();
    expect(Number(failed?.applied_steps_count)).toBe(0);
    expect(failed?.checksum).toBe(await sha256OfMigrationFile(dir, broken));
    expect(failed?.logs).toMatch(/SQL syntax.*THIS IS NOT SQL/s);
    expect(await getMigrationStatus(url, dir)).toEqual({ applied: [good], pending: [], failed: [broken], modified: [] });
  });

  it('blocks every later run with a clear message, even once the file is fixed and a new migration is added', async () => {
    await writeFile(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE IF NOT EXISTS mailroom_half (id int PRIMARY KEY);\n');
    await addMigration(dir, '20240103000000_later', 'CREATE TABLE mailroom_later (id int PRIMARY KEY);\n');
    const rowsBefore = await migrationRows(url);

    const again = applyMigrations(url, dir);

    await expect(again).rejects.toBeInstanceOf(MigrationError);
    await expect(again).rejects.toThrow(`Migration ${broken} failed earlier and must be resolved first`);
    expect(await migrationRows(url)).toEqual(rowsBefore);
    expect(await tableNames(url)).not.toContain('mailroom_later');
  });

  it('once marked rolled back (migrate-resolve --rolled-back), the next run applies the fixed migration and the later one', async () => {
    await expect(resolveRolledBack(url, good)).rejects.toThrow(`${good} is not a failed migration`);
    await resolveRolledBack(url, broken);
    await expect(resolveRolledBack(url, broken)).rejects.toBeInstanceOf(MigrationError);
    const { applied, status } = await applyMigrations(url, dir);
    expect(applied).toEqual([broken, '20240103000000_later']);
    expect(status).toEqual({ applied: [good, broken, '20240103000000_later'], pending: [], failed: [], modified: [] });
    expect(await tableNames(url)).toEqual(expect.arrayContaining(['mailroom_half', 'mailroom_later']));
  });
});

describe('a database user without the TRIGGER privilege', () => {
  const user = `notrig_${Date.now() % 100000}`;
  let adminUrl = '';
  let url = '';

  beforeAll(async () => {
    adminUrl = await createTestDatabase('notrig');
    const database = new URL(adminUrl).pathname.slice(1);
    await withSql(adminUrl, (conn) =>
      conn.query(`CREATE USER '${user}'@'localhost' IDENTIFIED BY 'pw'; CREATE USER '${user}'@'127.0.0.1' IDENTIFIED BY 'pw';
        GRANT ALL ON \`${database}\`.* TO '${user}'@'localhost'; GRANT ALL ON \`${database}\`.* TO '${user}'@'127.0.0.1';
        REVOKE TRIGGER ON \`${database}\`.* FROM '${user}'@'localhost'; REVOKE TRIGGER ON \`${database}\`.* FROM '${user}'@'127.0.0.1'`),
    );
    const u = new URL(adminUrl);
    u.username = user;
    u.password = 'pw';
    url = u.toString();
  });

  afterAll(async () => {
    await withSql(adminUrl, (conn) => conn.query(`DROP USER IF EXISTS '${user}'@'localhost', '${user}'@'127.0.0.1'`));
  });

  it('stops at the alias-list migration saying TRIGGER is denied; granted and resolved, migrate finishes and lists the aliases written meanwhile', async () => {
    const failure = await applyMigrations(url).then(() => null, (err: unknown) => err);
    expect(failure).toBeInstanceOf(MigrationError);
    expect(String((failure as Error).message)).toMatch(/20261126000000_mailroom_alias_list failed: .*TRIGGER command denied/s);
    // PostfixAdmin (or anyone) keeps writing meanwhile: a mailbox with its own row, and an alias
    await withSql(url, (conn) =>
      conn.query(`INSERT INTO mailbox (username, password, name, maildir, local_part, domain) VALUES ('bob@example.org', 'x', '', 'example.org/bob/', 'bob', 'example.org');
        INSERT INTO alias (address, goto, domain) VALUES ('bob@example.org', 'bob@example.org', 'example.org'), ('info@example.org', 'bob@example.org', 'example.org')`),
    );
    const database = new URL(adminUrl).pathname.slice(1);
    await withSql(adminUrl, (conn) => conn.query(`GRANT TRIGGER ON \`${database}\`.* TO '${user}'@'localhost'; GRANT TRIGGER ON \`${database}\`.* TO '${user}'@'127.0.0.1'`));
    await expect(applyMigrations(url)).rejects.toThrow('failed earlier and must be resolved first');
    await resolveRolledBack(url, '20261126000000_mailroom_alias_list');
    const { status } = await applyMigrations(url);
    expect(status.failed).toEqual([]);
    expect(status.pending).toEqual([]);
    const listed = await withSql(url, (conn) => conn.query('SELECT address FROM mailroom_alias_list ORDER BY address'));
    expect(listed).toEqual([{ address: 'info@example.org' }]);
  });
});

describe('concurrent starts', () => {
  it('two (and three) applyMigrations calls on the same empty database all succeed and record each migration once', async () => {
    const url = await createTestDatabase('migrace');
    const files = await readMigrations();

    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);

    const appliedByAll = results.flatMap((r) => r.applied);
    expect(appliedByAll.sort()).toEqual(files.map((f) => f.name).sort());
    for (const r of results) expect(r.status).toEqual({ applied: files.map((f) => f.name), pending: [], failed: [], modified: [] });

    const rows = await migrationRows(url);
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.every((r) => r.finished_at !== null && r.logs === null)).toBe(true);
    const config: { n: bigint }[] = await withSql(url, (conn) => conn.query("SELECT COUNT(*) AS n FROM config WHERE name = 'version'"));
    expect(Number(config[0]?.n)).toBe(1);
  });
});
