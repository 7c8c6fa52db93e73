import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Pagination } from '@/components/pagination';
import { UsageText } from '@/components/usage-text';
import { displayAddress } from '@/lib/aliases/display';
import { getAliasUsage, listAliases } from '@/lib/aliases/queries';
import { aliasPath } from '@/lib/aliases/route-segment';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';

export const metadata = { title: 'Aliases' };

type SearchParams = { q?: string; page?: string; created?: string; deleted?: string };

export default async function AliasesPage({ params, searchParams }: { params: Promise<{ domain: string }>; searchParams: Promise<SearchParams> }) {
  const actor = await requireAdminPage();
  const domain = await findDomainForActor(actor, decodeURIComponent((await params).domain));
  if (!domain) notFound();
  const { q = '', page, created, deleted } = await searchParams;
  const [list, usage] = await Promise.all([listAliases(actor, domain.domain, { q, page: Number(page) || 1 }), q ? getAliasUsage(actor, domain.domain) : null]);
  if (!list) notFound();
  const t = await getTranslations('alias');
  const format = await getFormatter();
  const unicode = toUnicodeDomain(domain.domain);
  const base = `/domains/${encodeURIComponent(domain.domain)}`;

  return (
    <>
      <Link href={base} className="text-sm text-blue-700 hover:underline">← {unicode}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{t('listTitle', { domain: unicode })}</h1>
        <form role="search" className="ml-auto flex gap-2">
          <label htmlFor="q" className="sr-only">{t('searchLabel')}</label>
          <input id="q" name="q" defaultValue={q} placeholder={t('searchPlaceholder')} className="rounded border border-slate-300 px-3 py-1.5 text-sm" />
          <button type="submit" className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">{t('search')}</button>
        </form>
        <Link href={`${base}/aliases/new`} className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t('new')}</Link>
      </div>
      {created && <p role="status" className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t('created', { address: displayAddress(created) })}</p>}
      {deleted && <p role="status" className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t('deleted', { address: displayAddress(deleted) })}</p>}
      <p className="mt-2 text-sm text-slate-600">
        {t('count', { count: list.total })} · {t('usage')}: <UsageText used={usage?.used ?? list.total} limit={domain.aliases} />
      </p>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('address')}</th>
              <th scope="col" className="px-3 py-2">{t('destinations')}</th>
              <th scope="col" className="px-3 py-2">{t('active')}</th>
              <th scope="col" className="px-3 py-2">{t('modified')}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && (
              <tr>
                <td colSpan={4} className="px-3 py-6 text-center text-slate-500">{q ? t('noMatch') : t('none')}</td>
              </tr>
            )}
            {list.rows.map((a) => (
              <tr key={a.address} className="border-t border-slate-100 align-top" data-testid={`alias-row-${a.address}`}>
                <td className="px-3 py-2">
                  <Link href={aliasPath(domain.domain, a.address)} className="font-medium text-blue-700 hover:underline">{displayAddress(a.address)}</Link>
                  {a.isCatchAll && <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{t('catchAll')}</span>}
                </td>
                <td className="px-3 py-2">
                  <ul>
                    {a.destinations.map((d) => (
                      <li key={d} className="break-all">{displayAddress(d)}</li>
                    ))}
                  </ul>
                </td>
                <td className="px-3 py-2">{a.active ? t('yes') : <span className="text-red-700">{t('no')}</span>}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.dateTime(a.modified, { dateStyle: 'medium' })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={list.page} pageCount={list.pageCount} basePath={`${base}/aliases`} params={{ q }} />
    </>
  );
}
