import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { listDomainAdmins } from '@/lib/admins/queries';
import { requireSuperadminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { adminHref } from '@/lib/admins/href';
import { AssignAdminForm, UnassignAdminButton } from './assignment-forms';

export const metadata = { title: 'Domain admins' };

export default async function DomainAdminsPage({ params }: { params: Promise<{ domain: string }> }) {
  const actor = await requireSuperadminPage();
  const list = await listDomainAdmins(actor, decodeURIComponent((await params).domain));
  if (!list) notFound();
  const t = await getTranslations('admin');
  const unicode = toUnicodeDomain(list.domain);
  return (
    <>
      <Link href={`/domains/${encodeURIComponent(list.domain)}`} className="text-sm text-blue-700 hover:underline">← {unicode}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('domainAdminsTitle', { domain: unicode })}</h1>
      <p className="mt-1 text-sm text-slate-600">{t('domainAdminsNote')}</p>
      <div className="mt-4 max-w-2xl overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase text-slate-600">
            <tr>
              <th scope="col" className="px-3 py-2">{t('username')}</th>
              <th scope="col" className="px-3 py-2">{t('active')}</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">{t('unassign')}</span></th>
            </tr>
          </thead>
          <tbody>
            {list.assigned.length === 0 && (
              <tr><td colSpan={3} className="px-3 py-6 text-center text-slate-500">{t('noDomainAdmins')}</td></tr>
            )}
            {list.assigned.map((a) => (
              <tr key={a.username} className="border-t border-slate-100" data-testid={`domain-admin-${a.username}`}>
                <td className="px-3 py-2">
                  <Link href={adminHref(a.username)} className="font-medium text-blue-700 hover:underline">{a.username}</Link>
                  {a.isSuperadmin && <span className="ml-2 rounded bg-slate-200 px-2 py-0.5 text-xs">{t('superadmin')}</span>}
                </td>
                <td className="px-3 py-2">{a.active ? t('yes') : <span className="text-red-700">{t('no')}</span>}</td>
                <td className="px-3 py-2 text-right"><UnassignAdminButton domain={list.domain} username={a.username} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2 className="mt-8 text-lg font-semibold">{t('assignTitle')}</h2>
      {list.assignable.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t('noAssignable')}</p>
      ) : (
        <AssignAdminForm domain={list.domain} admins={list.assignable.map((a) => a.username)} />
      )}
    </>
  );
}
