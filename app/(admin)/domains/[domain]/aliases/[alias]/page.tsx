import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { displayAddress } from '@/lib/aliases/display';
import { requireAliasPage } from '@/lib/aliases/page';
import { aliasPath } from '@/lib/aliases/route-segment';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { AliasForm } from '../alias-form';
import { ActiveToggle } from '@/components/active-toggle';
import { setAliasActiveAction } from '@/lib/aliases/actions';

export const metadata = { title: 'Alias' };

export default async function AliasPage({ params }: { params: Promise<{ domain: string; alias: string }> }) {
  const { alias, domain } = await requireAliasPage(params);
  const t = await getTranslations('alias');
  const shown = displayAddress(alias.address);
  return (
    <>
      <Link href={`/domains/${encodeURIComponent(domain)}/aliases`} className="text-sm text-blue-700 hover:underline">← {t('listTitle', { domain: toUnicodeDomain(domain) })}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('editTitle', { address: shown })}</h1>
        {alias.isCatchAll && <span className="rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{t('catchAll')}</span>}
        {!alias.active && <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">{t('inactive')}</span>}
      </div>
      <AliasForm mode="edit" address={alias.address} destinations={alias.destinations.map(displayAddress)} active={alias.active} />
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <ActiveToggle action={setAliasActiveAction} keyName="address" keyValue={alias.address} active={alias.active} labels={{ activate: t('activate'), deactivate: t('deactivate') }} />
        {!alias.isCatchAll && (
          <Link href={`/trace?address=${encodeURIComponent(alias.address)}`} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('trace')}</Link>
        )}
        <Link href={aliasPath(domain, alias.address, 'delete')} className="rounded border border-red-300 bg-white px-4 py-2 text-sm text-red-700">{t('delete')}</Link>
      </div>
    </>
  );
}
