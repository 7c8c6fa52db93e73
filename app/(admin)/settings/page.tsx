import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { WRITABLE_SCHEMES } from '@/lib/passwords/hash';
import { getSettings, type Settings } from '@/lib/settings/settings';
import { SettingsForm } from './settings-form';
import { StorageSettingsForm } from './storage-form';

export const metadata = { title: 'Settings' };

function pickStorageSettings(s: Settings) {
  const { mailBasePath, archivePath, deletePolicy, vmailUid, vmailGid, vmailUser, storageRunsHere, passwordScheme, mailDbHost, mailDbPort, mailDbUser } = s;
  return { mailBasePath, archivePath, deletePolicy, vmailUid, vmailGid, vmailUser, storageRunsHere, passwordScheme, mailDbHost, mailDbPort, mailDbUser };
}

export default async function SettingsPage() {
  await requireSuperadminPage();
  const t = await getTranslations('settings');
  const tStorage = await getTranslations('storage');
  const settings = await getSettings(getDb());
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <nav aria-label={tStorage('related')} className="mt-4 flex flex-wrap gap-3">
        <Link href="/mail-config" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{tStorage('mailConfigLink')}</Link>
        <Link href="/password-schemes" className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{tStorage('passwordSchemesLink')}</Link>
      </nav>
      <SettingsForm settings={settings} />
      <StorageSettingsForm settings={pickStorageSettings(settings)} schemes={WRITABLE_SCHEMES} />
      <Link href="/settings/self-service" className="mt-4 inline-block rounded border border-slate-300 bg-white px-4 py-2 text-sm">{(await getTranslations('selfService'))('link')}</Link>
    </>
  );
}
