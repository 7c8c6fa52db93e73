import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { createAdminAction } from '@/lib/admins/actions';
import { listDomainChoices } from '@/lib/admins/queries';
import { requireSuperadminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { getSettings } from '@/lib/settings/settings';
import { AdminForm } from '../admin-form';

export const metadata = { title: 'New admin' };

export default async function NewAdminPage() {
  const actor = await requireSuperadminPage();
  const t = await getTranslations('admin');
  const settings = await getSettings(getDb());
  const domains = await listDomainChoices(actor);
  return (
    <>
      <Link href="/admins" className="text-sm text-blue-700 hover:underline">← {t('listTitle')}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('newTitle')}</h1>
      <AdminForm
        action={createAdminAction}
        initial={{ username: '', isSuperadmin: false, active: true, domains: [] }}
        domainChoices={domains.map((d) => ({ ascii: d, unicode: toUnicodeDomain(d) }))}
        passwordMinLength={settings.passwordMinLength}
      />
    </>
  );
}
