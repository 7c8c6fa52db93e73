import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { updateAdminAction } from '@/lib/admins/actions';
import { findAdminForActor, listDomainChoices } from '@/lib/admins/queries';
import { requireSuperadminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { getSettings } from '@/lib/settings/settings';
import { adminHref, usernameFromParam } from '@/lib/admins/href';
import { AdminForm } from '../admin-form';
import { ResetPasswordForm } from './reset-password-form';

export const metadata = { title: 'Admin' };

export default async function AdminPage({ params, searchParams }: { params: Promise<{ username: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requireSuperadminPage();
  const admin = await findAdminForActor(actor, usernameFromParam((await params).username));
  if (!admin) notFound();
  const { created } = await searchParams;
  const t = await getTranslations('admin');
  const format = await getFormatter();
  const settings = await getSettings(getDb());
  const domains = await listDomainChoices(actor);
  const isSelf = admin.username === actor.username;
  return (
    <>
      <Link href="/admins" className="text-sm text-blue-700 hover:underline">← {t('listTitle')}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('editTitle', { username: admin.username })}</h1>
        {admin.isSuperadmin && <span className="rounded bg-slate-200 px-2 py-0.5 text-xs">{t('superadmin')}</span>}
        {!admin.active && <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">{t('inactive')}</span>}
      </div>
      <p className="mt-1 text-sm text-slate-600">{t('lastChange', { when: format.dateTime(admin.modified, { dateStyle: 'medium', timeStyle: 'short' }) })}</p>
      {created === '1' && <p role="status" className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t('created')}</p>}
      {isSelf && <p className="mt-4 text-sm text-slate-600">{t('selfNote')}</p>}
      <AdminForm
        action={updateAdminAction}
        initial={{ username: admin.username, isSuperadmin: admin.isSuperadmin, active: admin.active, domains: admin.domains }}
        domainChoices={domains.map((d) => ({ ascii: d, unicode: toUnicodeDomain(d) }))}
      />
      {isSelf ? (
        <p className="mt-6 text-sm">
          <Link href="/profile/password" className="text-blue-700 hover:underline">{t('ownPasswordLink')}</Link>
        </p>
      ) : (
        <>
          <h2 className="mt-8 text-lg font-semibold">{t('resetPasswordTitle')}</h2>
          <ResetPasswordForm username={admin.username} passwordMinLength={settings.passwordMinLength} />
          <div className="mt-8">
            <Link href={adminHref(admin.username, 'delete')} className="rounded border border-red-300 bg-white px-4 py-2 text-sm text-red-700">{t('delete')}</Link>
          </div>
        </>
      )}
    </>
  );
}
