import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Pagination } from '@/components/pagination';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { listDomainLog } from '@/lib/domains/queries';

export const metadata = { title: 'Activity' };

export default async function DomainLogPage({ params, searchParams }: { params: Promise<{ domain: string }>; searchParams: Promise<{ page?: string; action?: string }> }) {
  const actor = await requireAdminPage();
  const domain = decodeURIComponent((await params).domain).toLowerCase();
  const { page, action = '' } = await searchParams;
  const log = await listDomainLog(actor, domain, { page: Number(page) || 1, action: action || undefined });
  if (!log) notFound();
  const exists = log.total > 0 || log.actions.length > 0;
  const t = await getTranslations('log');
  const format = await getFormatter();
  const unicode = toUnicodeDomain(domain);
  return (
    <>
      <Link href={`/domains/${encodeURIComponent(domain)}`} className="text-sm text-blue-700 hover:underline">← {unicode}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('title', { domain: unicode })}</h1>
      <form className="mt-4 flex items-center gap-2 text-sm">
        <label htmlFor="action">{t('filter')}</label>
        <select id="action" name="action" defaultValue={action} className="rounded border border-slate-300 px-2 py-1">
          <option value="">{t('allActions')}</option>
          {log.actions.map((a) => (
            <option key={a} value={a}>{t.has(`actions.${a}`) ? t(`actions.${a}`) : a}</option>
          ))}
        </select>
        <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1">{t('apply')}</button>
      </form>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('when')}</th>
              <th scope="col" className="px-3 py-2">{t('who')}</th>
              <th scope="col" className="px-3 py-2">{t('action')}</th>
              <th scope="col" className="px-3 py-2">{t('data')}</th>
            </tr>
          </thead>
          <tbody>
            {!exists && (
              <tr><td colSpan={4} className="px-3 py-6 text-center text-slate-500">{t('empty')}</td></tr>
            )}
            {log.rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100" data-testid="log-row">
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.dateTime(r.timestamp, { dateStyle: 'medium', timeStyle: 'medium' })}</td>
                <td className="px-3 py-2">{r.username}</td>
                <td className="px-3 py-2" data-action={r.action}>{t.has(`actions.${r.action}`) ? t(`actions.${r.action}`) : r.action}</td>
                <td className="break-all px-3 py-2 font-mono text-xs">{r.data}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={log.page} pageCount={log.pageCount} basePath={`/domains/${encodeURIComponent(domain)}/log`} params={{ action }} />
    </>
  );
}
