'use client';

import { useTranslations } from 'next-intl';
import type { ListView, ReportView } from '@/lib/import/web-cyradm/view';

function More({ list }: { list: ListView<unknown> }) {
  const t = useTranslations('import');
  return list.total > list.items.length ? <li className="text-slate-500">{t('more', { count: list.total - list.items.length })}</li> : null;
}

/** What the dry run found (or the import created), what cannot be imported and why, and the notes. */
export function ImportReport({ report }: { report: ReportView }) {
  const t = useTranslations('import');
  const tAll = useTranslations();
  const section = 'mt-4 rounded-lg border border-slate-200 bg-white p-4';
  return (
    <div data-testid="import-report">
      <section aria-labelledby="created" className={section}>
        <h2 id="created" className="font-semibold">{report.dryRun ? t('toCreate') : t('created')}</h2>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2" data-testid="import-counts">
          <li>{t('counts.domains', { count: report.domains.total })}</li>
          <li>{t('counts.mailboxes', { count: report.mailboxes.total })}</li>
          <li>{t('counts.aliases', { count: report.aliases.total })}</li>
          <li>{t('counts.admins', { count: report.admins.total })}</li>
        </ul>
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-blue-700">{t('kinds.domain')} · {t('kinds.account')} · {t('kinds.alias')} · {t('kinds.admin')}</summary>
          <ul className="mt-2 list-disc pl-5">
            {report.domains.items.map((d) => <li key={`d-${d}`}>{d}</li>)}
            <More list={report.domains} />
            {report.mailboxes.items.map((m) => <li key={`m-${m}`}>{m}</li>)}
            <More list={report.mailboxes} />
            {report.aliases.items.map((a) => <li key={`a-${a.address}`}>{a.address} → {a.goto}</li>)}
            <More list={report.aliases} />
            {report.admins.items.map((a) => <li key={`u-${a.username}`}>{a.username}{a.superadmin ? ' (superadmin)' : ` (${a.domains})`}</li>)}
            <More list={report.admins} />
          </ul>
        </details>
      </section>
      <section aria-labelledby="skipped" className={section}>
        <h2 id="skipped" className="font-semibold">{t('skippedTitle')} ({report.skipped.total})</h2>
        {report.skipped.total === 0 ? <p className="mt-1 text-sm text-slate-500">{t('none')}</p> : (
          <ul className="mt-2 space-y-1 text-sm" data-testid="import-skipped">
            {report.skipped.items.map((s, i) => <li key={`${s.kind}-${s.name}-${i}`}><span className="font-medium">{t(`kinds.${s.kind}`)} {s.name}</span>: {tAll(s.key)}</li>)}
            <More list={report.skipped} />
          </ul>
        )}
      </section>
      <section aria-labelledby="notes" className={section}>
        <h2 id="notes" className="font-semibold">{t('notesTitle')} ({report.notes.total})</h2>
        {report.notes.total === 0 ? <p className="mt-1 text-sm text-slate-500">{t('none')}</p> : (
          <ul className="mt-2 space-y-1 text-sm">
            {report.notes.items.map((s, i) => <li key={`${s.kind}-${s.name}-${i}`}><span className="font-medium">{t(`kinds.${s.kind}`)} {s.name}</span>: {tAll(s.key)}</li>)}
            <More list={report.notes} />
          </ul>
        )}
        <p className="mt-2 text-xs text-slate-500">{t('notMapped')}</p>
      </section>
    </div>
  );
}
