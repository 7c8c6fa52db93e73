import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { getDomainDeletionSummary } from '@/lib/domains/queries';
import { ConfirmForm } from '@/components/confirm-form';
import { deleteDomainAction } from '@/lib/domains/actions';

export const metadata = { title: 'Delete domain' };

export default async function DeleteDomainPage({ params }: { params: Promise<{ domain: string }> }) {
  const actor = await requireSuperadminPage();
  const { domain: param } = await params;
  const summary = await getDomainDeletionSummary(actor, decodeURIComponent(param));
  if (!summary) notFound();
  const t = await getTranslations('domain');
  const unicode = toUnicodeDomain(summary.domain);
  return (
    <>
      <Link href={`/domains/${encodeURIComponent(summary.domain)}`} className="text-sm text-blue-700 hover:underline">← {unicode}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('deleteTitle', { domain: unicode })}</h1>
      <div className="mt-4 max-w-2xl rounded-lg border border-red-200 bg-white p-6">
        <p className="text-sm">{t('deleteWarning', { domain: unicode })}</p>
        <ul className="mt-2 list-disc pl-6 text-sm" data-testid="delete-summary">
          <li>{t('deleteMailboxes', { count: summary.mailboxCount })}</li>
          <li>{t('deleteAliases', { count: summary.aliasCount })}</li>
          <li>{t('deleteAliasDomains', { count: summary.aliasDomainCount })}</li>
        </ul>
        <ConfirmForm action={deleteDomainAction} fields={{ domain: summary.domain }} submitLabel={t('deleteSubmit')} confirm={{ name: 'confirm', label: t('deleteConfirmLabel') }} />
      </div>
    </>
  );
}
