import Link from 'next/link';
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
      <Link href="/settings/self-service" className="mt-4 inline-block rounded border border-slate-300 bg-white px-4 py-2 text-sm">{(await getTranslations('selfService'))('link')}</Link>
    </>
  );
}
