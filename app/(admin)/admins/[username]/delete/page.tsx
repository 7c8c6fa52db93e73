import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findAdminForActor } from '@/lib/admins/queries';
import { requireSuperadminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { adminHref, usernameFromParam } from '@/lib/admins/href';
import { ConfirmForm } from '@/components/confirm-form';
import { deleteAdminAction } from '@/lib/admins/actions';

export const metadata = { title: 'Delete admin' };

export default async function DeleteAdminPage({ params }: { params: Promise<{ username: string }> }) {
  const actor = await requireSuperadminPage();
  const admin = await findAdminForActor(actor, usernameFromParam((await params).username));
  if (!admin) notFound();
  const t = await getTranslations('admin');
  const isSelf = admin.username === actor.username;
  return (
    <>
      <Link href={adminHref(admin.username)} className="text-sm text-blue-700 hover:underline">← {admin.username}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('deleteTitle', { username: admin.username })}</h1>
      <div className="mt-4 max-w-2xl rounded-lg border border-red-200 bg-white p-6">
        {isSelf ? (
          <p className="text-sm">{t('selfDeleteNote')}</p>
        ) : (
          <>
            <p className="text-sm">{t('deleteWarning', { username: admin.username })}</p>
            <p className="mt-2 text-sm" data-testid="delete-summary">
              {admin.isSuperadmin ? t('deleteSuperadmin') : admin.domains.length ? t('deleteDomains', { domains: admin.domains.map(toUnicodeDomain).join(', ') }) : t('deleteNoDomains')}
            </p>
            <ConfirmForm action={deleteAdminAction} fields={{ username: admin.username }} submitLabel={t('deleteSubmit')} />
          </>
        )}
      </div>
    </>
  );
}
