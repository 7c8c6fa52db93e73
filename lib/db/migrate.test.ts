import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from './migrate';

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mailroom-migrations-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function addMigration(name: string, sql: string | Buffer): Promise<void> {
  await mkdir(path.join(dir, name));
  await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

async function sha256OfFile(name: string): Promise<string> {
  return createHash('sha256').update(await readFile(path.join(dir, name, 'migration.sql'))).digest('hex');
}

describe('readMigrations', () => {
  it('returns migrations in name (timestamp) order, whatever order they were created in', async () => {
    await addMigration('20240110000000_third', 'SELECT 3;\n');
    await addMigration('20240101000000_first', 'SELECT 1;\n');
    await addMigration('20240109235959_second', 'SELECT 2;\n');

    const migrations = await readMigrations(dir);

    expect(migrations.map((m) => m.name)).toEqual(['20240101000000_first', '20240109235959_second', '20240110000000_third']);
    expect(migrations.map((m) => m.sql)).toEqual(['SELECT 1;\n', 'SELECT 2;\n', 'SELECT 3;\n']);
  });

  it("uses Prisma's checksum: the lowercase sha256 hex of the file's bytes", async () => {
    await addMigration('20240101000000_known', 'SELECT 1;\n');
    const [known] = await readMigrations(dir);
    // `printf 'SELECT 1;\n' | sha256sum`
    expect(known?.checksum).toBe('b4e0497804e46e0a0b0b8c31975b062152d551bac49c3c2e80932567b4085dcd');
  });

  it('hashes the bytes as they are on disk: multi-byte UTF-8, CRLF line ends and a trailing newline all count', async () => {
    const crlf = "-- Prisma hashes the raw script\r\nINSERT INTO t VALUES ('Müller ✓');\r\n";
    await addMigration('20240101000000_crlf', Buffer.from(crlf, 'utf8'));
    await addMigration('20240102000000_lf', crlf.replaceAll('\r\n', '\n'));
    await addMigration('20240103000000_no_newline', 'SELECT 1;');

    const migrations = await readMigrations(dir);

    for (const m of migrations) {
      expect(m.checksum, m.name).toBe(await sha256OfFile(m.name));
      expect(m.checksum, m.name).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(new Set(migrations.map((m) => m.checksum)).size).toBe(3);
    expect(migrations[0]?.sql).toBe(crlf);
  });

  it('ignores migration_lock.toml, stray files and folders that are not <timestamp>_<name>', async () => {
    await addMigration('20240101000000_init', 'SELECT 1;\n');
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "mysql"\n');
    await writeFile(path.join(dir, '.DS_Store'), '');
    await writeFile(path.join(dir, '20240102000000_a_file_not_a_folder.sql'), 'SELECT 2;\n');
    await mkdir(path.join(dir, 'notes'));
    await writeFile(path.join(dir, 'notes', 'migration.sql'), 'SELECT 3;\n');
    await mkdir(path.join(dir, 'drafts_20240103000000'));
    await writeFile(path.join(dir, 'drafts_20240103000000', 'migration.sql'), 'SELECT 4;\n');

    const migrations = await readMigrations(dir);

    expect(migrations.map((m) => m.name)).toEqual(['20240101000000_init']);
  });

  it('returns nothing for a folder without migrations', async () => {
    await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "mysql"\n');
    expect(await readMigrations(dir)).toEqual([]);
  });

  it("reads this project's own migrations, each with a checksum of its file", async () => {
    const projectDir = path.join(import.meta.dirname, '..', '..', 'prisma', 'migrations');
    const migrations = await readMigrations(projectDir);

    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations[0]?.name).toMatch(/_postfixadmin_3_3$/);
    for (const m of migrations) {
      const bytes = await readFile(path.join(projectDir, m.name, 'migration.sql'));
      expect(m.checksum, m.name).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });
});
