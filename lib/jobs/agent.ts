import { parseArgs } from 'node:util';
import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { runDueJobs, type JobResult, type RunSummary } from './runner';

// `npm run mailroom -- agent [--once] [--interval SECONDS]`: the storage runner for a mail host where
// Mailroom itself does not run. It polls the jobs table, claims due jobs, runs them and records the
// outcome (retries with backoff); SIGTERM or SIGINT lets the job in hand finish, then it exits.

export const AGENT_USAGE = `Usage: npm run mailroom -- agent [--once] [--interval SECONDS]
  Runs the storage jobs on the mail host, as root (Maildirs are given to the vmail user), and the
  Cyrus jobs (mailboxes created, quotas set, mailboxes deleted on Cyrus over IMAP, as its admin).
  --once              run what is due, then exit
  --interval SECONDS  how often to look for due jobs (default 5)
`;

function describeResult(r: JobResult): string {
  const head = `#${r.job.id} ${r.job.kind} ${r.job.target}`;
  if (r.state === 'done') return `${head}: done (${r.text})`;
  if (r.state === 'failed') return `${head}: FAILED: ${r.text}`;
  return `${head}: will retry (attempt ${r.job.attempts} failed: ${r.text})`;
}

function total(a: RunSummary, b: RunSummary): RunSummary {
  return { done: a.done + b.done, retrying: a.retrying + b.retrying, failed: a.failed + b.failed };
}

/** Runs the agent; resolves with the exit code once it stops (after --once, or on a signal). */
export async function runAgentCommand(args: string[]): Promise<number> {
  let values;
  try {
    values = parseArgs({ args, strict: true, options: { once: { type: 'boolean' }, interval: { type: 'string' }, help: { type: 'boolean' } } }).values;
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${AGENT_USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(AGENT_USAGE);
    return 0;
  }
  const interval = values.interval === undefined ? 5 : Number(values.interval);
  if (!Number.isFinite(interval) || interval < 0.1 || interval > 3600) {
    console.error(`--interval must be a number of seconds from 0.1 to 3600\n\n${AGENT_USAGE}`);
    return 2;
  }

  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const db = getDb();
  try {
    const settings = await getSettings(db);
    console.log(`Mailroom storage agent: mail base ${settings.mailBasePath}, Maildirs owned by ${settings.vmailUid}:${settings.vmailGid}, deleted ones ${settings.deletePolicy === 'archive' ? `archived to ${settings.archivePath}` : 'removed'}.`);
    let summary: RunSummary = { done: 0, retrying: 0, failed: 0 };
    const opts = { shouldStop: () => stopping, onResult: (r: JobResult) => console.log(describeResult(r)) };
    while (!stopping) {
      try {
        summary = total(summary, await runDueJobs(db, {}, opts));
      } catch (err) {
        // the database may be briefly unreachable: keep polling (claimed jobs come back after their lease)
        console.error(`Mailroom storage agent: ${err instanceof Error ? err.message : String(err)}`);
        if (values.once) return 1;
      }
      if (values.once) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, interval * 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    console.log(`Mailroom storage agent stopped: ${summary.done} done, ${summary.retrying} to retry, ${summary.failed} failed.`);
    return 0;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    await db.$disconnect();
  }
}
