import Link from 'next/link';
import { DataTable, Notice, SearchForm } from '@/components/data-table';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { KeysetPagination, ListTotal } from '@/components/keyset-pagination';
import { UsageText } from '@/components/usage-text';
import { displayAddress } from '@/lib/aliases/display';
import { getAliasUsage, listAliases } from '@/lib/aliases/queries';
import { aliasPath } from '@/lib/aliases/route-segment';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';
import { cursorOf, listQuerySchema, optionalParam } from '@/lib/pagination/search-params';

export const metadata = { title: 'Aliases' };

// `created` / `deleted`: the address of the notice shown after a redirect from the form
const aliasesQuerySchema = listQuerySchema.extend({ created: optionalParam, deleted: optionalParam });

export default async function AliasesPage({ params, searchParams }: { params: Promise<{ domain: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdminPage();
  const domain = await findDomainForActor(actor, decodeURIComponent((await params).domain));
  if (!domain) notFound();
  const query = aliasesQuerySchema.parse(await searchParams);
  const { q, created, deleted } = query;
  const isSearch = q.trim() !== '';
  // while searching, the limit is still compared with all the domain's aliases
  const [list, usage] = await Promise.all([listAliases(actor, domain.domain, { q, cursor: cursorOf(query) }), isSearch ? getAliasUsage(actor, domain.domain) : null]);
  if (!list) notFound();
  const used = usage ?? list.total;
  const t = await getTranslations('alias');
  const format = await getFormatter();
  const unicode = toUnicodeDomain(domain.domain);
  const base = `/domains/${encodeURIComponent(domain.domain)}`;

  return (
    <>
      <Link href={base} className="text-sm text-blue-700 hover:underline">← {unicode}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{t('listTitle', { domain: unicode })}</h1>
        <SearchForm q={q} label={t('searchLabel')} placeholder={t('searchPlaceholder')} button={t('search')} />
        <Link href={`${base}/aliases/new`} className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t('new')}</Link>
      </div>
      {created && <Notice>{t('created', { address: displayAddress(created) })}</Notice>}
      {deleted && <Notice>{t('deleted', { address: displayAddress(deleted) })}</Notice>}
      <p className="mt-2 text-sm text-slate-600" data-testid="alias-count">
        <ListTotal total={list.total} namespace="alias" isSearch={isSearch} /> · {t('usage')}: <UsageText used={used.count} isMore={used.isMore} limit={domain.aliases} />
      </p>
      <DataTable headers={[t('address'), t('destinations'), t('active'), t('modified')]} isEmpty={list.rows.length === 0} emptyText={q ? t('noMatch') : t('none')}>
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
      </DataTable>
      <KeysetPagination basePath={`${base}/aliases`} q={q} previous={list.previous} next={list.next} />
    </>
  );
}
