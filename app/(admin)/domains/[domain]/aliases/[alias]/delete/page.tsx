import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { displayAddress } from '@/lib/aliases/display';
import { requireAliasPage } from '@/lib/aliases/page';
import { aliasPath } from '@/lib/aliases/route-segment';
import { ConfirmForm } from '@/components/confirm-form';
import { deleteAliasAction } from '@/lib/aliases/actions';

export const metadata = { title: 'Delete alias' };

export default async function DeleteAliasPage({ params }: { params: Promise<{ domain: string; alias: string }> }) {
  const { alias, domain } = await requireAliasPage(params);
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
