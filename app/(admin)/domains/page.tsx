import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { Pagination } from '@/components/pagination';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { UsageText } from '@/components/usage-text';
import { listDomains } from '@/lib/domains/queries';
import { QuotaLimit } from './quota-cell';

export const metadata = { title: 'Domains' };

export default async function DomainsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string; deleted?: string }> }) {
  const actor = await requireAdminPage();
  const t = await getTranslations('domain');
  const { q = '', page, deleted } = await searchParams;
  const list = await listDomains(actor, { q, page: Number(page) || 1 });

  return (
    <>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{t('listTitle')}</h1>
        <form role="search" className="ml-auto flex gap-2">
          <label htmlFor="q" className="sr-only">{t('search')}</label>
          <input id="q" name="q" defaultValue={q} placeholder={t('searchPlaceholder')} className="rounded border border-slate-300 px-3 py-1.5 text-sm" />
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">{t('search')}</button>
        </form>
        {actor.isSuperadmin && (
          <Link href="/domains/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
            {t('new')}
          </Link>
        )}
      </div>
      {deleted === '1' && <p role="status" className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t('deleted')}</p>}
      <p className="mt-2 text-sm text-slate-600">{t('count', { count: list.total })}</p>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('domain')}</th>
              <th scope="col" className="px-3 py-2">{t('description')}</th>
              <th scope="col" className="px-3 py-2">{t('mailboxes')}</th>
              <th scope="col" className="px-3 py-2">{t('aliases')}</th>
              <th scope="col" className="px-3 py-2">{t('quota')}</th>
              <th scope="col" className="px-3 py-2">{t('active')}</th>
              <th scope="col" className="px-3 py-2">{t('backupmx')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">{q ? t('noMatch') : t('none')}</td>
              </tr>
            )}
            {list.rows.map((d) => {
              const unicode = toUnicodeDomain(d.domain);
              return (
                <tr key={d.domain} className="border-t border-slate-100" data-testid={`domain-row-${d.domain}`}>
                  <td className="px-3 py-2">
                    <Link href={`/domains/${encodeURIComponent(d.domain)}`} className="font-medium text-blue-700 hover:underline">{unicode}</Link>
                    {unicode !== d.domain && <div className="text-xs text-slate-500">{d.domain}</div>}
                  </td>
                  <td className="px-3 py-2">{d.description}</td>
                  <td className="px-3 py-2"><UsageText used={d.mailboxCount} limit={d.mailboxes} /></td>
                  <td className="px-3 py-2"><UsageText used={d.aliasCount} limit={d.aliases} /></td>
                  <td className="px-3 py-2 tabular-nums"><QuotaLimit mb={d.quota} /></td>
                  <td className="px-3 py-2">{d.active ? t('yes') : <span className="text-red-700">{t('no')}</span>}</td>
                  <td className="px-3 py-2">{d.backupmx ? t('yes') : t('no')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pagination page={list.page} pageCount={list.pageCount} basePath="/domains" params={{ q }} />
    </>
  );
}
