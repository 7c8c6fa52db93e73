import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { UsageText } from '@/components/usage-text';
import { findDomainForActor, getDomainAllocatedBytes, getDomainUsage } from '@/lib/domains/queries';
import { getDomainUsedBytes } from '@/lib/domains/storage-usage';
import { QuotaCell } from '../quota-cell';
import { ActiveToggle } from '@/components/active-toggle';
import { setDomainActiveAction } from '@/lib/domains/actions';
import { StorageUsageBar } from './storage-usage-bar';

export default async function DomainPage({ params, searchParams }: { params: Promise<{ domain: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requireAdminPage();
  const { domain: param } = await params;
  const domain = await findDomainForActor(actor, decodeURIComponent(param));
  if (!domain) notFound();
  const { created } = await searchParams;
  const t = await getTranslations('domain');
  const tStorage = await getTranslations('storage');
  const [usageMap, allocatedBytes, usedBytes] = await Promise.all([getDomainUsage([domain.domain]), getDomainAllocatedBytes(domain.domain), getDomainUsedBytes(actor, domain.domain)]);
  const usage = usageMap.get(domain.domain);
  const href = (sub: string) => `/domains/${encodeURIComponent(domain.domain)}/${sub}`;
  const unicode = toUnicodeDomain(domain.domain);
  const rows: [string, React.ReactNode][] = [
    [t('description'), domain.description || '—'],
    [t('mailboxes'), <UsageText key="m" used={usage?.mailboxCount ?? 0} limit={domain.mailboxes} />],
    [t('aliases'), <UsageText key="a" used={usage?.aliasCount ?? 0} limit={domain.aliases} />],
    [t('maxquota'), Number(domain.maxquota) === 0 ? t('unlimited') : Number(domain.maxquota) < 0 ? t('disabled') : `${domain.maxquota} MB`],
    [t('domainQuota'), <QuotaCell key="q" allocatedBytes={allocatedBytes} quotaMb={Number(domain.quota)} />],
    [tStorage('domainUsageLabel'), <StorageUsageBar key="u" domain={unicode} usedBytes={usedBytes ?? 0n} allocatedBytes={allocatedBytes} quotaMb={Number(domain.quota)} />],
    [t('transport'), <code key="tr">{domain.transport || '—'}</code>],
    [t('backupmx'), domain.backupmx ? t('yes') : t('no')],
    [t('active'), domain.active ? t('yes') : t('no')],
  ];

  return (
    <>
      <Link href="/domains" className="text-sm text-blue-700 hover:underline">← {t('listTitle')}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{unicode}</h1>
        {unicode !== domain.domain && <span className="text-sm text-slate-500">{domain.domain}</span>}
        {!domain.active && <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">{t('inactive')}</span>}
      </div>
      {created === '1' && <p role="status" className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t('created')}</p>}
      <dl className="mt-4 grid max-w-2xl grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <nav aria-label={t('sections')} className="mt-4 flex flex-wrap gap-3">
        <Link href={href('mailboxes')} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('mailboxes')}</Link>
        <Link href={href('aliases')} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('aliases')}</Link>
        <Link href={href('alias-domains')} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('aliasDomains')}</Link>
        {actor.isSuperadmin && <Link href={href('admins')} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('admins')}</Link>}
        <Link href={href('log')} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('activity')}</Link>
      </nav>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {actor.isSuperadmin && (
          <>
            <Link href={href('edit')} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('edit')}</Link>
            <ActiveToggle action={setDomainActiveAction} keyName="domain" keyValue={domain.domain} active={domain.active} labels={{ activate: t('activate'), deactivate: t('deactivate') }} />
            <Link href={href('delete')} className="rounded border border-red-300 bg-white px-4 py-2 text-sm text-red-700">{t('delete')}</Link>
          </>
        )}
      </div>
    </>
  );
}
