import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { createDomainAction } from '@/lib/domains/actions';
import { getSettings } from '@/lib/settings/settings';
import { DomainForm } from '../domain-form';

export const metadata = { title: 'New domain' };

export default async function NewDomainPage() {
  await requireSuperadminPage();
  const t = await getTranslations('domain');
  const settings = await getSettings(getDb());
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('newTitle')}</h1>
      <DomainForm
        action={createDomainAction}
        initial={{ domain: '', description: '', aliases: 0, mailboxes: 0, maxquota: 0, quota: 0, transport: settings.defaultTransport, backupmx: false, active: true }}
        defaultAliasTargets={settings.defaultAliasTargets}
      />
    </>
  );
}
