import mariadb from 'mariadb';
import { parseDatabaseUrl } from '../../lib/db/connection';

// The whole database as a set of CHECKSUM TABLE values (a refused call must leave every one as it
// was), and a snapshot to put back after each allowed call, so every row starts from the same world.

type Row = Record<string, unknown>;

export class DatabaseState {
  private snapshot = new Map<string, { columns: string[]; rows: unknown[][]; checksum: string }>();

  private constructor(private readonly conn: mariadb.Connection) {}

  static async open(): Promise<DatabaseState> {
    const { connectionLimit: _unused, ...options } = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
    // dates as strings: rows go back exactly as they were read, whatever the time zone
    return new DatabaseState(await mariadb.createConnection({ ...options, dateStrings: true }));
  }

  async close(): Promise<void> {
    await this.conn.end();
  }

  async tables(): Promise<string[]> {
    const rows: Row[] = await this.conn.query("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name");
    return rows.map((r) => String(r.name));
  }

  /** CHECKSUM TABLE of every table, by name. */
  async checksums(): Promise<Record<string, string>> {
    const names = await this.tables();
    const rows: Row[] = await this.conn.query(`CHECKSUM TABLE ${names.map((n) => `\`${n}\``).join(', ')}`);
    return Object.fromEntries(rows.map((r) => [String(r.Table).split('.').pop() ?? '', String(r.Checksum)]));
  }

  /** Remembers every row of every table (the world each matrix row starts from). */
  async takeSnapshot(): Promise<void> {
    const sums = await this.checksums();
    this.snapshot.clear();
    for (const name of await this.tables()) {
      const rows: Row[] = await this.conn.query(`SELECT * FROM \`${name}\``);
      const columns: string[] = (await this.conn.query(`SHOW COLUMNS FROM \`${name}\``)).map((c: Row) => String(c.Field));
      this.snapshot.set(name, { columns, rows: rows.map((r) => columns.map((c) => r[c])), checksum: sums[name] ?? '' });
    }
  }

  /** Puts back every table whose checksum differs from the snapshot's; returns their names. */
  async restore(): Promise<string[]> {
    const now = await this.checksums();
    const changed = [...this.snapshot.entries()].filter(([name, s]) => now[name] !== s.checksum);
    for (const [name, s] of changed) {
      await this.conn.query(`DELETE FROM \`${name}\``);
      if (s.rows.length) {
        const placeholders = `(${s.columns.map(() => '?').join(', ')})`;
        await this.conn.batch(`INSERT INTO \`${name}\` (${s.columns.map((c) => `\`${c}\``).join(', ')}) VALUES ${placeholders}`, s.rows);
      }
    }
    const after = await this.checksums();
    const stillDifferent = [...this.snapshot.entries()].filter(([name, s]) => after[name] !== s.checksum).map(([name]) => name);
    if (stillDifferent.length) throw new Error(`Could not restore the tables ${stillDifferent.join(', ')}`);
    return changed.map(([name]) => name);
  }
}
