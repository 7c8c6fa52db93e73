import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireAdminPage } from '@/lib/auth/session';
import { bytesToMib } from '@/lib/domains/limits';
import { decodeRouteParam, mailboxPath } from '@/lib/mailboxes/address';
import { getMailboxDeletionSummary } from '@/lib/mailboxes/queries';
import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { ConfirmForm } from '@/components/confirm-form';
import { deleteMailboxAction } from '@/lib/mailboxes/actions';

export const metadata = { title: 'Delete mailbox' };

export default async function DeleteMailboxPage({ params }: { params: Promise<{ domain: string; mailbox: string }> }) {
  const actor = await requireAdminPage();
  const { domain: domainParam, mailbox: mailboxParam } = await params;
  const summary = await getMailboxDeletionSummary(actor, decodeRouteParam(mailboxParam));
  if (!summary || summary.mailbox.domain.toLowerCase() !== decodeRouteParam(domainParam).toLowerCase()) notFound();
  const t = await getTranslations('mailbox');
  const format = await getFormatter();
  const settings = await getSettings(getDb());
  const { mailbox } = summary;
  return (
    <>
      <Link href={mailboxPath(mailbox.username)} className="text-sm text-blue-700 hover:underline">← {mailbox.username}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('deleteTitle', { address: mailbox.username })}</h1>
      <div className="mt-4 max-w-2xl rounded-lg border border-red-200 bg-white p-6 text-sm">
        <p>{t('deleteWarning')}</p>
        <ul className="mt-2 list-disc pl-6" data-testid="delete-summary">
          <li>{t('deleteMailbox', { address: mailbox.username })}</li>
          {summary.selfAlias && <li>{t('deleteSelfAlias')}</li>}
          {summary.forwardTargets.length > 0 && <li>{t('deleteForward', { targets: summary.forwardTargets.join(', ') })}</li>}
          {summary.vacation && <li>{t('deleteVacation')}</li>}
          {summary.quotaUsage && (
            <li>{t('deleteQuota', { used: format.number(bytesToMib(summary.quotaUsage.bytes), { maximumFractionDigits: 1 }), messages: summary.quotaUsage.messages })}</li>
          )}
        </ul>
        <p className="mt-2 text-slate-600">{summary.storage === 'cyrus' ? t('deleteCyrus') : settings.deletePolicy === 'archive' ? t('deleteMaildirArchive', { path: settings.archivePath }) : t('deleteMaildirRemove')}</p>
        {summary.pointingAliases.length > 0 && (
          <div className="mt-4" data-testid="delete-kept">
            <p>{t('deleteKept')}</p>
            <ul className="mt-2 list-disc pl-6">
              {summary.pointingAliases.map((a) => <li key={a}>{a}</li>)}
            </ul>
          </div>
        )}
        <ConfirmForm action={deleteMailboxAction} fields={{ address: mailbox.username }} submitLabel={t('deleteSubmit')} cancel={{ href: mailboxPath(mailbox.username), label: t('cancel') }} />
      </div>
    </>
  );
}
