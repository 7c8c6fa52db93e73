import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LogTable } from '@/components/log-table';
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
  const t = await getTranslations('log');
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
      <LogTable rows={log.rows} />
      <Pagination page={log.page} pageCount={log.pageCount} basePath={`/domains/${encodeURIComponent(domain)}/log`} params={{ action }} />
    </>
  );
}
