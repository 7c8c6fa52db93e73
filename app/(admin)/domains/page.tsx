import Link from 'next/link';
import { DataTable, Notice, SearchForm } from '@/components/data-table';
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
        <SearchForm q={q} label={t('search')} placeholder={t('searchPlaceholder')} button={t('search')} />
        {actor.isSuperadmin && (
          <Link href="/domains/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
            {t('new')}
          </Link>
        )}
      </div>
      {deleted === '1' && <Notice>{t('deleted')}</Notice>}
      <p className="mt-2 text-sm text-slate-600">{t('count', { count: list.total })}</p>
      <DataTable headers={[t('domain'), t('description'), t('mailboxes'), t('aliases'), t('quota'), t('active'), t('backupmx')]} isEmpty={list.rows.length === 0} emptyText={q ? t('noMatch') : t('none')}>
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
      </DataTable>
      <Pagination page={list.page} pageCount={list.pageCount} basePath="/domains" params={{ q }} />
    </>
  );
}
