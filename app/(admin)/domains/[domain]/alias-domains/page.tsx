import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { DataTable } from '@/components/data-table';
import { listAliasDomains, type AliasDomainRow } from '@/lib/alias-domains/queries';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';
import { ActiveToggle } from '@/components/active-toggle';
import { setAliasDomainActiveAction } from '@/lib/alias-domains/actions';
import { AliasDomainForm } from './alias-domain-form';

export const metadata = { title: 'Alias domains' };

export default async function AliasDomainsPage({ params, searchParams }: { params: Promise<{ domain: string }>; searchParams: Promise<{ deleted?: string }> }) {
  const actor = await requireAdminPage();
  const domain = await findDomainForActor(actor, decodeURIComponent((await params).domain));
  if (!domain) notFound();
  const list = await listAliasDomains(actor, domain.domain);
  if (!list) notFound();
  const { deleted } = await searchParams;
  const t = await getTranslations('aliasDomain');
  const unicode = toUnicodeDomain(domain.domain);
  const base = `/domains/${encodeURIComponent(domain.domain)}`;
  const actions = (row: AliasDomainRow) =>
    row.canChange ? (
      <div className="flex flex-wrap items-center gap-2">
        <ActiveToggle action={setAliasDomainActiveAction} keyName="aliasDomain" keyValue={row.aliasDomain} active={row.active} labels={{ activate: t('activate'), deactivate: t('deactivate') }} />
        <Link href={`${base}/alias-domains/${encodeURIComponent(row.aliasDomain)}/delete`} className="rounded border border-red-300 bg-white px-3 py-2 text-sm text-red-700">{t('delete')}</Link>
      </div>
    ) : (
      <span className="text-xs text-slate-500">{t('readOnly', { aliasDomain: toUnicodeDomain(row.aliasDomain) })}</span>
    );

  return (
    <>
      <Link href={base} className="text-sm text-blue-700 hover:underline">← {unicode}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('title', { domain: unicode })}</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      {deleted && <p role="status" className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t('deleted', { aliasDomain: toUnicodeDomain(deleted) })}</p>}
      {list.outgoing && (
        <div className="mt-4 flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4 text-sm" data-testid="alias-domain-outgoing">
          <span>{t('outgoing', { domain: unicode, target: toUnicodeDomain(list.outgoing.targetDomain) })}</span>
          {!list.outgoing.active && <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">{t('inactive')}</span>}
          {actions(list.outgoing)}
        </div>
      )}
      <h2 className="mt-6 text-lg font-semibold">{t('incoming', { domain: unicode })}</h2>
      <DataTable headers={[t('aliasDomain'), t('targetDomain'), t('active'), t('delete')]} isEmpty={list.incoming.length === 0} emptyText={t('none', { domain: unicode })}>
        {list.incoming.map((row) => (
          <tr key={row.aliasDomain} className="border-t border-slate-100" data-testid={`alias-domain-row-${row.aliasDomain}`}>
            <td className="px-3 py-2 font-medium">{toUnicodeDomain(row.aliasDomain)}</td>
            <td className="px-3 py-2">{toUnicodeDomain(row.targetDomain)}</td>
            <td className="px-3 py-2">{row.active ? t('yes') : <span className="text-red-700">{t('no')}</span>}</td>
            <td className="px-3 py-2">{actions(row)}</td>
          </tr>
        ))}
      </DataTable>
      <h2 className="mt-6 text-lg font-semibold">{t('addTitle')}</h2>
      <AliasDomainForm domain={domain.domain} unicodeDomain={unicode} />
    </>
  );
}
