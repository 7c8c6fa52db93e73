import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { getClientSettings } from '@/lib/settings/client-settings';
import { getManageSieveSettingsForm } from '@/lib/vacation/sieve-settings';
import { ClientSettingsForm, ManageSieveSettingsForm } from './self-service-forms';

export const metadata = { title: 'Self-service settings' };

/** What mailbox owners see (their mail program's servers) and where their replies go (ManageSieve). */
export default async function SelfServiceSettingsPage() {
  await requireSuperadminPage();
  const t = await getTranslations('selfService');
  const db = getDb();
  const [clients, sieve] = await Promise.all([getClientSettings(db), getManageSieveSettingsForm(db)]);
  return (
    <>
      <Link href="/settings" className="text-sm text-blue-700 hover:underline">← {t('back')}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('title')}</h1>
      <h2 className="mt-6 text-lg font-semibold">{t('clientsTitle')}</h2>
      <p className="mt-1 text-sm text-slate-600">{t('clientsIntro')}</p>
      <ClientSettingsForm settings={clients} />
      <h2 className="mt-8 text-lg font-semibold">{t('sieveTitle')}</h2>
      <p className="mt-1 text-sm text-slate-600">{t('sieveIntro')}</p>
      <ManageSieveSettingsForm settings={sieve} />
    </>
  );
}
