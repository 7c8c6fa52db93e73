import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { SettingsForm } from './settings-form';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  await requireSuperadminPage();
  const t = await getTranslations('settings');
  const settings = await getSettings(getDb());
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <SettingsForm settings={settings} />
    </>
  );
}
