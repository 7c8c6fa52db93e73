import Link from 'next/link';
import { DataTable, Notice, SearchForm } from '@/components/data-table';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Pagination } from '@/components/pagination';
import { listAdmins } from '@/lib/admins/queries';
import { requireSuperadminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { adminHref } from '@/lib/admins/href';

export const metadata = { title: 'Admins' };

export default async function AdminsPage({ searchParams }: { searchParams: Promise<{ q?: string; page?: string; deleted?: string }> }) {
  const actor = await requireSuperadminPage();
  const { q = '', page, deleted } = await searchParams;
  const list = await listAdmins(actor, { q, page: Number(page) || 1 });
  if (!list) notFound();
  const t = await getTranslations('admin');
  const format = await getFormatter();

  return (
    <>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{t('listTitle')}</h1>
        <SearchForm q={q} label={t('search')} placeholder={t('searchPlaceholder')} button={t('search')} />
        <Link href="/admins/new" className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t('new')}</Link>
      </div>
      {deleted === '1' && <Notice>{t('deleted')}</Notice>}
      <p className="mt-2 text-sm text-slate-600">{t('count', { count: list.total })}</p>
      <DataTable headers={[t('username'), t('superadmin'), t('domains'), t('active'), t('modified')]} isEmpty={list.rows.length === 0} emptyText={q ? t('noMatch') : t('none')}>
          {list.rows.map((a) => (
              <tr key={a.username} className="border-t border-slate-100" data-testid={`admin-row-${a.username}`}>
                <td className="px-3 py-2">
                  <Link href={adminHref(a.username)} className="font-medium text-blue-700 hover:underline">{a.username}</Link>
                </td>
                <td className="px-3 py-2">{a.isSuperadmin ? t('yes') : t('no')}</td>
                <td className="px-3 py-2">{a.isSuperadmin ? t('allDomains') : a.domains.map(toUnicodeDomain).join(', ') || '—'}</td>
                <td className="px-3 py-2">{a.active ? t('yes') : <span className="text-red-700">{t('no')}</span>}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.dateTime(a.modified, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              </tr>
            ))}
      </DataTable>
      <Pagination page={list.page} pageCount={list.pageCount} basePath="/admins" params={{ q }} />
    </>
  );
}
