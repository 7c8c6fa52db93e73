import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { displayAddress } from '@/lib/aliases/display';
import { findAliasForActor } from '@/lib/aliases/queries';
import { addressFromSegment, aliasPath } from '@/lib/aliases/route-segment';
import { requireAdminPage } from '@/lib/auth/session';
import { ConfirmForm } from '@/components/confirm-form';
import { deleteAliasAction } from '@/lib/aliases/actions';

export const metadata = { title: 'Delete alias' };

export default async function DeleteAliasPage({ params }: { params: Promise<{ domain: string; alias: string }> }) {
  const actor = await requireAdminPage();
  const { domain: domainParam, alias: aliasParam } = await params;
  const alias = await findAliasForActor(actor, addressFromSegment(aliasParam));
  const domain = decodeURIComponent(domainParam).toLowerCase();
  if (!alias || alias.domain.toLowerCase() !== domain) notFound();
  const t = await getTranslations('alias');
  const shown = displayAddress(alias.address);
  return (
    <>
      <Link href={aliasPath(domain, alias.address)} className="text-sm text-blue-700 hover:underline">← {shown}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('deleteTitle', { address: shown })}</h1>
      <div className="mt-4 max-w-2xl rounded-lg border border-red-200 bg-white p-6">
        <p className="text-sm">{t('deleteWarning', { address: shown })}</p>
        <ul className="mt-2 list-disc pl-6 text-sm" data-testid="delete-destinations">
          {alias.destinations.map((d) => (
            <li key={d} className="break-all">{displayAddress(d)}</li>
          ))}
        </ul>
        <ConfirmForm action={deleteAliasAction} fields={{ address: alias.address }} submitLabel={t('deleteSubmit')} cancel={{ href: aliasPath(domain, alias.address), label: t('cancel') }} />
      </div>
    </>
  );
}
