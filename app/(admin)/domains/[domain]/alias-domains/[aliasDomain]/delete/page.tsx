import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { findAliasDomainForActor } from '@/lib/alias-domains/queries';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';
import { ConfirmForm } from '@/components/confirm-form';
import { deleteAliasDomainAction } from '@/lib/alias-domains/actions';

export const metadata = { title: 'Remove alias domain' };

export default async function DeleteAliasDomainPage({ params }: { params: Promise<{ domain: string; aliasDomain: string }> }) {
  const actor = await requireAdminPage();
  const { domain: domainParam, aliasDomain: aliasParam } = await params;
  const domain = await findDomainForActor(actor, decodeURIComponent(domainParam));
  const row = domain ? await findAliasDomainForActor(actor, decodeURIComponent(aliasParam)) : null;
  if (!domain || !row || ![row.aliasDomain, row.targetDomain].includes(domain.domain)) notFound();
  const t = await getTranslations('aliasDomain');
  const back = `/domains/${encodeURIComponent(domain.domain)}/alias-domains`;
  const alias = toUnicodeDomain(row.aliasDomain);
  return (
    <>
      <Link href={back} className="text-sm text-blue-700 hover:underline">← {t('title', { domain: toUnicodeDomain(domain.domain) })}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('deleteTitle', { aliasDomain: alias })}</h1>
      <div className="mt-4 max-w-2xl rounded-lg border border-red-200 bg-white p-6">
        <p className="text-sm">{t('deleteWarning', { aliasDomain: alias, target: toUnicodeDomain(row.targetDomain) })}</p>
        <ConfirmForm action={deleteAliasDomainAction} fields={{ aliasDomain: row.aliasDomain, back: domain.domain }} submitLabel={t('deleteSubmit')} cancel={{ href: back, label: t('cancel') }} />
      </div>
    </>
  );
}
