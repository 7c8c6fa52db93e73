import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import mariadb from 'mariadb';
import { parseDatabaseUrl } from './connection';

// `prisma migrate` needs a schema-engine binary this project cannot download, so migrations
// (SQL files in Prisma's folder layout) are applied here and recorded in `_prisma_migrations`
// exactly as Prisma records them, so that `prisma migrate status` agrees wherever it can run.

export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');
const LOCK_NAME = 'mailroom_migrate';

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  failed: string[];
  /** applied migrations whose file changed afterwards (Prisma warns about these too) */
  modified: string[];
}

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS \`_prisma_migrations\` (
  \`id\` VARCHAR(36) PRIMARY KEY NOT NULL,
  \`checksum\` VARCHAR(64) NOT NULL,
  \`finished_at\` DATETIME(3),
  \`migration_name\` VARCHAR(255) NOT NULL,
  \`logs\` TEXT,
  \`rolled_back_at\` DATETIME(3),
  \`started_at\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  \`applied_steps_count\` INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

/** Reads `<dir>/<timestamp>_<name>/migration.sql` in name order, with Prisma's checksum (sha256 of the file). */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name)).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

interface Row {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function withConnection<T>(databaseUrl: string, fn: (conn: mariadb.Connection) => Promise<T>): Promise<T> {
  const { connectionLimit: _unused, ...options } = parseDatabaseUrl(databaseUrl);
  const conn = await mariadb.createConnection({ ...options, multipleStatements: true });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

async function readApplied(conn: mariadb.Connection): Promise<Row[]> {
  const exists: { n: bigint | number }[] = await conn.query(
    "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = '_prisma_migrations'",
  );
  if (Number(exists[0]?.n ?? 0) === 0) return [];
  return conn.query('SELECT migration_name, checksum, finished_at, rolled_back_at FROM `_prisma_migrations` ORDER BY started_at');
}

function summarize(files: MigrationFile[], rows: Row[]): MigrationStatus {
  const live = rows.filter((r) => r.rolled_back_at === null);
  const done = new Map(live.filter((r) => r.finished_at !== null).map((r) => [r.migration_name, r]));
  const failed = live.filter((r) => r.finished_at === null).map((r) => r.migration_name);
  return {
    applied: files.filter((f) => done.has(f.name)).map((f) => f.name),
    pending: files.filter((f) => !done.has(f.name) && !failed.includes(f.name)).map((f) => f.name),
    failed,
    modified: files.filter((f) => done.has(f.name) && done.get(f.name)?.checksum !== f.checksum).map((f) => f.name),
  };
}

/** What is applied, pending or failed, without changing anything. */
export async function getMigrationStatus(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<MigrationStatus> {
  const files = await readMigrations(dir);
  return withConnection(databaseUrl, async (conn) => summarize(files, await readApplied(conn)));
}

/**
 * Marks a failed migration as rolled back (Prisma's `migrate resolve --rolled-back`), once its cause
 * is fixed (e.g. the TRIGGER privilege granted), so the next run applies it again. Mailroom's
 * migrations can be re-run over a half-applied attempt (IF NOT EXISTS, DROP … IF EXISTS, INSERT IGNORE).
 */
export async function resolveRolledBack(databaseUrl: string, name: string): Promise<void> {
  await withConnection(databaseUrl, async (conn) => {
    const result: { affectedRows: number } = await conn.query(
      'UPDATE `_prisma_migrations` SET rolled_back_at = NOW(3) WHERE migration_name = ? AND finished_at IS NULL AND rolled_back_at IS NULL',
      [name],
    );
    if (result.affectedRows === 0) throw new MigrationError(`${name} is not a failed migration (see: npm run mailroom -- migrate-status).`);
  });
}

export class MigrationError extends Error {}

/**
 * Applies every pending migration in order, one at a time, under a database-wide lock so two
 * starts cannot race. Idempotent: a second run applies nothing. A failed migration is recorded
 * (finished_at NULL, logs) and blocks later runs until resolved, as Prisma's P3009 does.
 */
export async function applyMigrations(databaseUrl: string, dir = MIGRATIONS_DIR): Promise<{ applied: string[]; status: MigrationStatus }> {
  const files = await readMigrations(dir);
  return withConnection(databaseUrl, async (conn) => {
    const [lock] = await conn.query('SELECT GET_LOCK(?, 60) AS ok', [LOCK_NAME]);
    if (Number(lock?.ok) !== 1) throw new MigrationError('Another process is applying migrations; try again in a minute.');
    try {
      await conn.query(CREATE_MIGRATIONS_TABLE);
      const before = summarize(files, await readApplied(conn));
      if (before.failed.length > 0) {
        throw new MigrationError(
          `Migration ${before.failed[0]} failed earlier and must be resolved first (see the logs column of _prisma_migrations).`,
        );
      }
      const applied: string[] = [];
      for (const file of files.filter((f) => before.pending.includes(f.name))) {
        const id = randomUUID();
        await conn.query(
          'INSERT INTO `_prisma_migrations` (id, checksum, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, NOW(3), 0)',
          [id, file.checksum, file.name],
        );
        try {
          await conn.query(file.sql);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          await conn.query('UPDATE `_prisma_migrations` SET logs = ? WHERE id = ?', [message, id]);
          throw new MigrationError(`Migration ${file.name} failed: ${message}`);
        }
        await conn.query('UPDATE `_prisma_migrations` SET finished_at = NOW(3), applied_steps_count = 1 WHERE id = ?', [id]);
        applied.push(file.name);
      }
      return { applied, status: summarize(files, await readApplied(conn)) };
    } finally {
      await conn.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  });
}
