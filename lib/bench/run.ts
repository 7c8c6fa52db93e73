import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mariadb from 'mariadb';
import type { Actor } from '@/lib/auth/permissions';
import { parseDatabaseUrl } from '@/lib/db/connection';
import { applyMigrations } from '@/lib/db/migrate';
import { FIRST_PAGE, LAST_PAGE, type Cursor } from '@/lib/pagination/keyset';
import { explainListQueries, explainMailServerQueries } from './explain';
import { BENCH_ALIAS_DOMAIN, BENCH_DOMAIN, seedBench } from './seed';

const TARGET_P95_MS = 50;
const superadmin: Actor = { username: 'bench@mailroom.test', isSuperadmin: true, domains: [], auditName: 'bench' };
const domainAdmin: Actor = { username: 'admin@bench.example', isSuperadmin: false, domains: [BENCH_DOMAIN, BENCH_ALIAS_DOMAIN], auditName: 'bench' };

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} takes a positive whole number`);
  return v;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** Times `fn` (after two warm-up calls) and returns median and p95 in milliseconds. */
async function measure(fn: () => Promise<unknown>, iterations: number): Promise<{ median: number; p95: number }> {
  await fn();
  await fn();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50), p95: percentile(times, 95) };
}

/** The operations measured: each is what one page or the tracer runs on the server. */
// `gated: false` operations are printed for information; the target applies to the others.
async function operations(): Promise<{ name: string; run: () => Promise<unknown>; gated: boolean }[]> {
  const { listDomains } = await import('@/lib/domains/queries');
  const { listMailboxes } = await import('@/lib/mailboxes/queries');
  const { listAliases } = await import('@/lib/aliases/queries');
  const { traceAddress } = await import('@/lib/tracer/trace-address');
  // Previous from the last page: the cursor its Previous link carries
  const lastMailboxes = await listMailboxes(domainAdmin, BENCH_DOMAIN, { cursor: { kind: 'last' } });
  const lastAliases = await listAliases(domainAdmin, BENCH_DOMAIN, { cursor: { kind: 'last' } });
  const before = (key: string | null | undefined): Cursor => ({ kind: 'before', key: key ?? '' });
  const mailboxes = (q: string, cursor: Cursor) => () => listMailboxes(domainAdmin, BENCH_DOMAIN, { q, cursor });
  const aliases = (q: string, cursor: Cursor) => () => listAliases(domainAdmin, BENCH_DOMAIN, { q, cursor });
  return [
    { name: 'mailboxes list, first page', run: mailboxes('', FIRST_PAGE), gated: true },
    { name: 'mailboxes list, next after user050000', run: mailboxes('', { kind: 'after', key: `user050000@${BENCH_DOMAIN}` }), gated: true },
    { name: 'mailboxes list, last page', run: mailboxes('', LAST_PAGE), gated: true },
    { name: 'mailboxes list, previous from the last page', run: mailboxes('', before(lastMailboxes?.previous)), gated: true },
    { name: 'mailboxes search "user0999" (100 hits)', run: mailboxes('user0999', FIRST_PAGE), gated: true },
    { name: 'mailboxes search "user" (100,000 hits)', run: mailboxes('user', FIRST_PAGE), gated: true },
    { name: 'mailboxes search "user", last page', run: mailboxes('user', LAST_PAGE), gated: true },
    { name: 'mailboxes search, no hit', run: mailboxes('nobody', FIRST_PAGE), gated: true },
    { name: 'aliases list, first page', run: aliases('', FIRST_PAGE), gated: true },
    { name: 'aliases list, next after alias100000', run: aliases('', { kind: 'after', key: `alias100000@${BENCH_DOMAIN}` }), gated: true },
    { name: 'aliases list, last page (after 100,000 mailbox rows)', run: aliases('', LAST_PAGE), gated: true },
    { name: 'aliases list, previous from the last page', run: aliases('', before(lastAliases?.previous)), gated: true },
    { name: 'aliases search "alias01999" (10 hits)', run: aliases('alias01999', FIRST_PAGE), gated: true },
    { name: 'aliases search "alias" (200,000 hits)', run: aliases('alias', FIRST_PAGE), gated: true },
    { name: 'aliases search "alias", last page', run: aliases('alias', LAST_PAGE), gated: true },
    { name: 'aliases search "user" (only mailbox rows)', run: aliases('user', FIRST_PAGE), gated: true },
    { name: 'trace a 3-target alias', run: () => traceAddress(domainAdmin, `alias000002@${BENCH_DOMAIN}`), gated: true },
    { name: 'trace a mailbox via the alias domain', run: () => traceAddress(domainAdmin, `user000123@${BENCH_ALIAS_DOMAIN}`), gated: true },
    { name: 'trace an unknown address (catch-all)', run: () => traceAddress(domainAdmin, `nobody@${BENCH_DOMAIN}`), gated: true },
    { name: 'domains list (counts 300,000 rows; informational)', run: () => listDomains(superadmin, {}), gated: false },
  ];
}

export async function runBench(args: string[]): Promise<number> {
  const mailboxes = arg(args, 'mailboxes', 100_000);
  const aliases = arg(args, 'aliases', 200_000);
  const iterations = arg(args, 'iterations', 100);
  const dir = path.resolve('var/bench/mariadb');
  execFileSync('bash', ['scripts/mariadb.sh', 'start', dir, process.env.MAILROOM_BENCH_DB_PORT ?? '13367'], { stdio: 'inherit' });
  const name = `bench_${Date.now()}`;
  const url = execFileSync('bash', ['scripts/mariadb.sh', 'url', dir, name], { encoding: 'utf8' }).trim();
  const { connectionLimit: _unused, ...options } = parseDatabaseUrl(url);
  const conn = await mariadb.createConnection(options);
  try {
    await applyMigrations(url);
    let t0 = performance.now();
    await seedBench(conn, { mailboxes, aliases });
    console.log(`Seeded ${mailboxes} mailboxes and ${aliases} aliases in one domain in ${((performance.now() - t0) / 1000).toFixed(1)} s.\n`);

    console.log('EXPLAIN of the Postfix and Dovecot queries (table:access/key/rows):');
    const plans = await explainMailServerQueries(conn);
    for (const p of plans) console.log(`  ${p.ok ? 'index' : 'SCAN '}  ${p.name.padEnd(44)} ${p.plan}`);
    console.log('\nEXPLAIN of the list pages\' queries (table:access/key/rows):');
    const listPlans = await explainListQueries(conn);
    for (const p of listPlans) console.log(`  ${p.ok ? 'index' : 'SCAN '}  ${p.name.padEnd(44)} ${p.plan}`);

    process.env.DATABASE_URL = url;
    process.env.NEXTAUTH_SECRET ??= 'benchmark-secret-benchmark-secret-0123';
    const ops = await operations();
    console.log(`\nServer time over ${iterations} runs each (target: p95 <= ${TARGET_P95_MS} ms):`);
    console.log(`  ${'operation'.padEnd(52)} ${'median'.padStart(9)} ${'p95'.padStart(9)}`);
    let slow = 0;
    t0 = performance.now();
    for (const op of ops) {
      const { median, p95 } = await measure(op.run, iterations);
      const verdict = !op.gated ? '' : p95 <= TARGET_P95_MS ? 'ok' : 'SLOW';
      if (op.gated && p95 > TARGET_P95_MS) slow++;
      console.log(`  ${op.name.padEnd(52)} ${median.toFixed(2).padStart(6)} ms ${p95.toFixed(2).padStart(6)} ms ${verdict}`);
    }
    const unindexed = plans.filter((p) => !p.ok).length;
    const listUnindexed = listPlans.filter((p) => !p.ok).length;
    const gated = ops.filter((o) => o.gated).length;
    console.log(
      `\n${gated - slow} of ${gated} operations within target, ${plans.length - unindexed} of ${plans.length} mail-server queries and ${listPlans.length - listUnindexed} of ${listPlans.length} list queries indexed.`,
    );
    const { getDb } = await import('@/lib/db/client');
    await getDb().$disconnect();
    return slow + unindexed + listUnindexed > 0 ? 1 : 0;
  } finally {
    await conn.query(`DROP DATABASE \`${name}\``);
    await conn.end();
  }
}

