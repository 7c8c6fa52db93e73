import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { updateDomainAction } from '@/lib/domains/actions';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';
import { DomainForm } from '../../domain-form';

export const metadata = { title: 'Edit domain' };

export default async function EditDomainPage({ params }: { params: Promise<{ domain: string }> }) {
  const actor = await requireSuperadminPage();
  const { domain: param } = await params;
  const domain = await findDomainForActor(actor, decodeURIComponent(param));
  if (!domain) notFound();
  const t = await getTranslations('domain');
  return (
    <>
      <Link href={`/domains/${encodeURIComponent(domain.domain)}`} className="text-sm text-blue-700 hover:underline">← {toUnicodeDomain(domain.domain)}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('editTitle', { domain: toUnicodeDomain(domain.domain) })}</h1>
      <DomainForm
        action={updateDomainAction}
        initial={{ ...domain, maxquota: Number(domain.maxquota), quota: Number(domain.quota) }}
      />
    </>
  );
}
