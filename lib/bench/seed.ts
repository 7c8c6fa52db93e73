import type mariadb from 'mariadb';

export const BENCH_DOMAIN = 'bench.example';
export const BENCH_ALIAS_DOMAIN = 'bench-alias.example';

/** Rows in chunks of multi-row INSERTs (fast, and far below max_allowed_packet). */
async function insertChunked(conn: mariadb.Connection, sqlHead: string, total: number, row: (i: number) => unknown[], chunk = 5000): Promise<void> {
  for (let start = 0; start < total; start += chunk) {
    const n = Math.min(chunk, total - start);
    const width = row(start).length;
    const placeholders = Array.from({ length: n }, () => `(${Array(width).fill('?').join(',')})`).join(',');
    const params = Array.from({ length: n }, (_, k) => row(start + k)).flat();
    await conn.query(`${sqlHead} VALUES ${placeholders}`, params);
  }
}

/**
 * One domain with `mailboxes` mailboxes (each with its self-alias, a quota and a quota2 usage row) and
 * `aliases` further aliases with one to three targets, plus an alias domain, a catch-all and a few admins.
 */
export async function seedBench(conn: mariadb.Connection, opts: { mailboxes: number; aliases: number }): Promise<void> {
  const d = BENCH_DOMAIN;
  await conn.query(
    "INSERT INTO domain (domain, description, aliases, mailboxes, maxquota, quota, transport, backupmx, active, created, modified) VALUES (?, 'benchmark', 0, 0, 0, 0, 'virtual', 0, 1, NOW(), NOW()), (?, 'alias domain', 0, 0, 0, 0, 'virtual', 0, 1, NOW(), NOW())",
    [d, BENCH_ALIAS_DOMAIN],
  );
  await conn.query("INSERT INTO alias_domain (alias_domain, target_domain, active, created, modified) VALUES (?, ?, 1, NOW(), NOW())", [BENCH_ALIAS_DOMAIN, d]);
  const local = (i: number) => `user${String(i).padStart(6, '0')}`;
  await insertChunked(conn, 'INSERT INTO mailbox (username, password, name, maildir, quota, local_part, domain, created, modified, active)', opts.mailboxes, (i) => [
    `${local(i)}@${d}`, '{BLF-CRYPT}$2b$10$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyzABCDE', `User ${i}`, `${d}/${local(i)}/`, 1024000 * 100, local(i), d, '2026-01-01 00:00:00', '2026-01-01 00:00:00', i % 50 === 0 ? 0 : 1,
  ]);
  await insertChunked(conn, 'INSERT INTO alias (address, goto, domain, created, modified, active)', opts.mailboxes, (i) => [
    `${local(i)}@${d}`, `${local(i)}@${d}`, d, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1,
  ]);
  await insertChunked(conn, 'INSERT INTO quota2 (username, bytes, messages)', opts.mailboxes, (i) => [`${local(i)}@${d}`, (i * 7919) % 100_000_000, i % 1000]);
  await insertChunked(conn, 'INSERT INTO alias (address, goto, domain, created, modified, active)', opts.aliases, (i) => {
    const targets = Array.from({ length: 1 + (i % 3) }, (_, k) => `${local((i * 13 + k) % opts.mailboxes)}@${d}`);
    return [`alias${String(i).padStart(6, '0')}@${d}`, targets.join(','), d, '2026-01-01 00:00:00', '2026-01-01 00:00:00', i % 97 === 0 ? 0 : 1];
  });
  await conn.query("INSERT INTO alias (address, goto, domain, created, modified, active) VALUES (?, ?, ?, NOW(), NOW(), 1)", [`@${d}`, `${local(1)}@${d}`, d]);
  await conn.query('ANALYZE TABLE domain, mailbox, alias, alias_domain, quota2');
}
