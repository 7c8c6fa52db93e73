import { getFormatter, getTranslations } from 'next-intl/server';
import { isCyrusJobKind } from '@/lib/jobs/kinds';
import type { MailboxStorage } from '@/lib/jobs/mailbox-jobs';
import type { MailboxJob } from '@/lib/jobs/queries';
import { RetryJobForm } from './retry-job-form';

const BADGE: Record<MailboxJob['state'], string> = {
  pending: 'bg-amber-100 text-amber-900',
  running: 'bg-blue-100 text-blue-900',
  done: 'bg-green-100 text-green-900',
  failed: 'bg-red-100 text-red-900',
};

const KIND_LABEL: Record<string, string> = {
  'maildir.create': 'jobs.kind_create',
  'maildir.delete': 'jobs.kind_delete',
  'cyrus.create': 'jobs.kind_cyrusCreate',
  'cyrus.quota': 'jobs.kind_cyrusQuota',
  'cyrus.delete': 'jobs.kind_cyrusDelete',
};

/** A pending Cyrus job behind an unfinished older one of the same mailbox waits for it (jobs newest first). */
function isWaiting(jobs: MailboxJob[], index: number): boolean {
  const job = jobs[index];
  if (!job || job.state !== 'pending' || job.lastError || !isCyrusJobKind(job.kind)) return false;
  return jobs.slice(index + 1).some((o) => isCyrusJobKind(o.kind) && (o.state === 'pending' || o.state === 'running'));
}

/**
 * The mailbox's latest storage jobs (its Maildir, or its mailbox on Cyrus): state, why the last
 * attempt failed, and a retry button.
 */
export async function StorageJobs({ address, jobs, runsHere, storage }: { address: string; jobs: MailboxJob[]; runsHere: boolean; storage: MailboxStorage }) {
  const t = await getTranslations('storage');
  const format = await getFormatter();
  return (
    <section aria-labelledby="storage-jobs-title" className="mt-4 max-w-2xl rounded-lg border border-slate-200 bg-white p-6 text-sm">
      <h2 id="storage-jobs-title" className="text-lg font-semibold">{t('jobs.title')}</h2>
      <p className="mt-1 text-slate-600">{storage === 'cyrus' ? t('jobs.runsCyrus') : runsHere ? t('jobs.runsHere') : t('jobs.runsByAgent')}</p>
      {jobs.length === 0 ? (
        <p className="mt-3 text-slate-600">{t('jobs.none')}</p>
      ) : (
        <ul className="mt-3 space-y-3">
          {jobs.map((job, i) => (
            <li key={String(job.id)} data-testid={`storage-job-${job.id}`} className="flex flex-wrap items-start gap-3">
              <span className="min-w-48">{KIND_LABEL[job.kind] ? t(KIND_LABEL[job.kind] ?? '') : job.kind}</span>
              <span className={`rounded px-2 py-0.5 text-xs font-medium ${BADGE[job.state]}`}>{t(`jobs.state_${job.state}`)}</span>
              <span className="text-slate-500">{format.dateTime(job.modified, { dateStyle: 'medium', timeStyle: 'medium' })}</span>
              {isWaiting(jobs, i) && <p className="basis-full text-slate-600">{t('jobs.waiting')}</p>}
              {job.lastError && (
                <p className="basis-full text-red-800">
                  {job.state === 'failed' ? t('jobs.failedBecause', { reason: job.lastError }) : t('jobs.retryingBecause', { attempts: job.attempts, reason: job.lastError, at: format.dateTime(job.runAfter, { timeStyle: 'medium' }) })}
                </p>
              )}
              {(job.state === 'failed' || (job.state === 'pending' && job.lastError)) && <RetryJobForm id={String(job.id)} address={address} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
