import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { DONE_KEEP_DAYS, FAILED_KEEP_DAYS, purgeFinishedJobs } from '@/lib/jobs/purge';
import { useMigratedDatabase } from './helpers/app-db';

// Old finished storage jobs are deleted; pending, running and recent ones never are.

useMigratedDatabase();

const NOW = new Date(Date.UTC(2026, 10, 23, 12));
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000);

async function job(target: string, state: 'pending' | 'running' | 'done' | 'failed', modified: Date) {
  await getDb().mailroomJob.create({ data: { kind: 'maildir.create', target, domain: 'example.org', payload: '{}', state, modified } });
}

describe('[jobs] finished jobs are purged after their keeping period', () => {
  it('deletes done jobs after 30 days and failed ones after 90; keeps the rest', async () => {
    await job('old-done@example.org', 'done', daysAgo(DONE_KEEP_DAYS + 1));
    await job('recent-done@example.org', 'done', daysAgo(DONE_KEEP_DAYS - 1));
    await job('failed-60@example.org', 'failed', daysAgo(60));
    await job('old-failed@example.org', 'failed', daysAgo(FAILED_KEEP_DAYS + 1));
    await job('old-pending@example.org', 'pending', daysAgo(400));
    await job('old-running@example.org', 'running', daysAgo(400));
    expect(await purgeFinishedJobs(getDb(), NOW)).toBe(2);
    const left = (await getDb().mailroomJob.findMany({ select: { target: true }, orderBy: { target: 'asc' } })).map((j) => j.target);
    expect(left).toEqual(['failed-60@example.org', 'old-pending@example.org', 'old-running@example.org', 'recent-done@example.org']);
    expect(await purgeFinishedJobs(getDb(), NOW)).toBe(0);
  });

  it('works through more than one batch', async () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({ kind: 'maildir.create', target: `bulk${i}@example.org`, domain: 'example.org', payload: '{}', state: 'done' as const, modified: daysAgo(40) }));
    await getDb().mailroomJob.createMany({ data: rows });
    expect(await purgeFinishedJobs(getDb(), NOW)).toBe(2500);
    expect(await getDb().mailroomJob.count({ where: { target: { startsWith: 'bulk' } } })).toBe(0);
  });
});
