import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { getStorageSettingsData } from '@/lib/mail/cyrus/queries';
import { CyrusSettingsForm, DomainStorageForm } from './settings-forms';

export const metadata = { title: 'Cyrus settings' };

export default async function CyrusSettingsPage() {
  const actor = await requireSuperadminPage();
  const data = await getStorageSettingsData(actor);
  if (!data) notFound();
  const t = await getTranslations('cyrus');
  const { settings, defaultBackend, domains } = data;
  const th = 'px-3 py-2';
  return (
    <>
      <Link href="/cyrus" className="text-sm text-blue-700 hover:underline">← {t('backToCyrus')}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('connectionForm.title')}</h1>
      <p className="mt-1 text-sm text-slate-600">{t('connectionForm.connectionHint')}</p>
      <CyrusSettingsForm
        settings={{ host: settings.host, port: settings.port, tls: settings.tls, adminUser: settings.adminUser, quotaWarnPercent: settings.quotaWarnPercent, sievePort: settings.sievePort, hasAdminPassword: settings.hasAdminPassword }}
        defaultBackend={defaultBackend}
      />

      <section aria-labelledby="storage" className="mt-8">
        <h2 id="storage" className="text-lg font-semibold">{t('storage.title')}</h2>
        <p className="mt-1 text-sm text-slate-600">{t('storage.hint')}</p>
        <div className="mt-2 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-100 text-xs uppercase text-slate-600">
              <tr>
                <th scope="col" className={th}>{t('storage.domain')}</th>
                <th scope="col" className={th}>{t('storage.backend')}</th>
                <th scope="col" className={th}>{t('storage.folders')}</th>
              </tr>
            </thead>
            <tbody>
              {domains.length === 0 && (
                <tr><td colSpan={3} className="px-3 py-6 text-center text-slate-500">{t('storage.none')}</td></tr>
              )}
              {domains.map((d) => (
                <tr key={d.domain} className="border-t border-slate-100" data-testid={`storage-${d.domain}`}>
                  <td className={th}>{toUnicodeDomain(d.domain)}</td>
                  <td className={th}>{d.backend ? t(`backends.${d.backend}`) : t('storage.followDefault', { backend: t(`backends.${defaultBackend}`) })}</td>
                  <td className={th}>{d.folders}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <DomainStorageForm defaultBackend={defaultBackend} />
      </section>
    </>
  );
}
