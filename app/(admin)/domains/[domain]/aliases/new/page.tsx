import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';
import { AliasForm } from '../alias-form';

export const metadata = { title: 'New alias' };

export default async function NewAliasPage({ params }: { params: Promise<{ domain: string }> }) {
  const actor = await requireAdminPage();
  const domain = await findDomainForActor(actor, decodeURIComponent((await params).domain));
  if (!domain) notFound();
  const t = await getTranslations('alias');
  const unicode = toUnicodeDomain(domain.domain);
  return (
    <>
      <Link href={`/domains/${encodeURIComponent(domain.domain)}/aliases`} className="text-sm text-blue-700 hover:underline">← {t('listTitle', { domain: unicode })}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('newTitle', { domain: unicode })}</h1>
      <AliasForm mode="create" domain={domain.domain} unicodeDomain={unicode} />
    </>
  );
}
