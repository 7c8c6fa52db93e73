import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { requireSuperadminPage } from '@/lib/auth/session';
import { bytesToMib } from '@/lib/domains/limits';
import { getCyrusPageData } from '@/lib/mail/cyrus/queries';
import { isDeletableOrphan } from '@/lib/mail/cyrus/reconcile';
import { AdoptOrphansForm, CreateMissingForm, DeleteOrphansForm } from './fix-forms';

export const metadata = { title: 'Cyrus IMAP' };

export default async function CyrusPage() {
  const actor = await requireSuperadminPage();
  const data = await getCyrusPageData(actor);
  if (!data) notFound();
  const t = await getTranslations('cyrus');
  const tAll = await getTranslations();
  const format = await getFormatter();
  const { settings, lists, problem } = data;
  const th = 'px-3 py-2';

  return (
    <>
      <div className="flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <Link href="/cyrus/settings" className="ml-auto rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('settingsLink')}</Link>
      </div>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">{t('intro')}</p>

      <section aria-labelledby="connection" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="connection" className="font-semibold">{t('connection')}</h2>
        <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
          <dt className="text-slate-500">{t('server')}</dt>
          <dd data-testid="cyrus-server">{settings.host ? `${settings.host}:${settings.port}` : '—'}</dd>
          <dt className="text-slate-500">{t('security')}</dt>
          <dd>{settings.tls ? t('tlsOn') : t('tlsOff')}</dd>
          <dt className="text-slate-500">{t('admin')}</dt>
          <dd>{settings.adminUser}</dd>
          <dt className="text-slate-500">{t('adminPasswordLabel')}</dt>
          <dd data-testid="cyrus-password-state">{settings.hasAdminPassword ? t('passwordSet') : t('passwordNotSet')}</dd>
        </dl>
      </section>

      {problem && <p role="alert" className="mt-4 rounded bg-red-50 px-3 py-2 text-sm text-red-800">{tAll(problem)}</p>}

      {lists && (
        <>
          <p className="mt-4 text-sm text-slate-600" data-testid="cyrus-in-sync">
            {t('inSync', { count: lists.inSync })}{' '}
            {lists.cyrusDomains.length ? t('cyrusDomains', { domains: lists.cyrusDomains.join(', ') }) : t('noCyrusDomains')}
          </p>

          <section aria-labelledby="missing" className="mt-6">
            <h2 id="missing" className="text-lg font-semibold">{t('missing.title')}</h2>
            {lists.missingOnCyrus.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500" data-testid="missing-none">{t('missing.none')}</p>
            ) : (
              <>
                <DataTable headers={[t('address'), t('quota'), t('missing.job')]} isEmpty={false} emptyText="">
                  {lists.missingOnCyrus.map((m) => (
                    <tr key={m.username} className="border-t border-slate-100" data-testid={`missing-${m.username}`}>
                      <td className={th}>{m.username}</td>
                      <td className={`${th} tabular-nums`}>{m.quotaBytes > 0n ? `${format.number(bytesToMib(m.quotaBytes), { maximumFractionDigits: 1 })} MiB` : t('unlimited')}</td>
                      <td className={th}>{t(`missing.jobs.${data.creating?.get(m.username.toLowerCase()) ?? 'none'}`)}</td>
                    </tr>
                  ))}
                </DataTable>
                <p className="mt-2 text-xs text-slate-500">{t('missing.hint')}</p>
              </>
            )}
            {/* always mounted, so its answer stays on the page once the list is empty */}
            <CreateMissingForm canRun={lists.missingOnCyrus.length > 0} />
          </section>

          <section aria-labelledby="orphans" className="mt-6">
            <h2 id="orphans" className="text-lg font-semibold">{t('orphans.title')}</h2>
            {lists.orphansOnCyrus.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500" data-testid="orphans-none">{t('orphans.none')}</p>
            ) : (
              <>
                <DataTable headers={[t('address'), t('status')]} isEmpty={false} emptyText="">
                  {lists.orphansOnCyrus.map((o) => (
                    <tr key={o.username} className="border-t border-slate-100" data-testid={`orphan-${o.username}`}>
                      <td className={th}>{o.username}</td>
                      <td className={th}>{t(`orphans.statuses.${o.status}`)}</td>
                    </tr>
                  ))}
                </DataTable>
              </>
            )}
            <AdoptOrphansForm canRun={lists.orphansOnCyrus.some((o) => o.status === 'adoptable')} />
            <DeleteOrphansForm canRun={lists.orphansOnCyrus.some(isDeletableOrphan)} />
          </section>
        </>
      )}
    </>
  );
}
