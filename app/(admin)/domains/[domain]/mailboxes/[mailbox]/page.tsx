import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { requireAdminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';
import { listMailboxJobs } from '@/lib/jobs/queries';
import { decodeRouteParam, mailboxPath } from '@/lib/mailboxes/address';
import { findMailboxForActor, getAllocatedQuota } from '@/lib/mailboxes/queries';
import { findCyrusQuotaUsage } from '@/lib/mail/cyrus/queries';
import { formatQuotaMib, quotaRoom } from '@/lib/mailboxes/quota';
import { getSettings } from '@/lib/settings/settings';
import { CyrusQuotaCell } from '../cyrus-quota-cell';
import { DomainState } from '../domain-state';
import { EditMailboxForm } from '../mailbox-form';
import { quotaHintText } from '../quota-hint';
import { ActiveToggle } from '@/components/active-toggle';
import { setMailboxActiveAction } from '@/lib/mailboxes/actions';
import { StorageJobs } from './storage-jobs';

export const metadata = { title: 'Mailbox' };

export default async function MailboxPage({ params }: { params: Promise<{ domain: string; mailbox: string }> }) {
  const actor = await requireAdminPage();
  const { domain: domainParam, mailbox: mailboxParam } = await params;
  const domain = await findDomainForActor(actor, decodeRouteParam(domainParam));
  const mailbox = domain ? await findMailboxForActor(actor, decodeRouteParam(mailboxParam)) : null;
  // the address must belong to the domain of the URL
  if (!domain || !mailbox || mailbox.domain.toLowerCase() !== domain.domain.toLowerCase()) notFound();
  const t = await getTranslations('mailbox');
  const tVacation = await getTranslations('vacation');
  const format = await getFormatter();
  const { passwordMinLength, storageRunsHere } = await getSettings(getDb());
  const jobs = (await listMailboxJobs(actor, mailbox.username)) ?? [];
  // Cyrus-backed domains: the mailbox lives on Cyrus, its usage and limit as Cyrus enforces them (else null)
  const cyrus = await findCyrusQuotaUsage(actor, domain.domain, [mailbox.username]);
  const room = quotaRoom({ maxquotaMb: domain.maxquota, quotaMb: domain.quota, allocatedBytes: await getAllocatedQuota(actor, domain.domain, mailbox.username) });
  type Detail = [string, React.ReactNode];
  const storage: Detail[] = cyrus
    ? [[t('storage'), t('storageCyrus')], [t('quotaOnCyrus'), <CyrusQuotaCell key="cyrus-quota" address={mailbox.username} cyrus={cyrus} />]]
    : [[t('maildir'), <code key="maildir">{mailbox.maildir}</code>]];
  const details: Detail[] = [
    ...storage,
    [t('state'), mailbox.active ? t('active') : <span key="state" className="text-red-700">{t('inactive')}</span>],
    [t('createdAt'), format.dateTime(mailbox.created, { dateStyle: 'medium', timeStyle: 'short' })],
    [t('modified'), format.dateTime(mailbox.modified, { dateStyle: 'medium', timeStyle: 'short' })],
  ];

  return (
    <>
      <Link href={`/domains/${encodeURIComponent(domain.domain)}/mailboxes`} className="text-sm text-blue-700 hover:underline">← {t('listTitle', { domain: toUnicodeDomain(domain.domain) })}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{t('editTitle', { address: mailbox.username })}</h1>
        {!mailbox.active && <span className="rounded bg-red-100 px-2 py-0.5 text-xs text-red-800">{t('inactive')}</span>}
      </div>
      <DomainState active={domain.active} />
      <dl className="mt-4 grid max-w-2xl grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        {details.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <ActiveToggle action={setMailboxActiveAction} keyName="address" keyValue={mailbox.username} active={mailbox.active} labels={{ activate: t('activate'), deactivate: t('deactivate') }} />
        <Link href={mailboxPath(mailbox.username, 'forward')} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('forward')}</Link>
        <Link href={mailboxPath(mailbox.username, 'vacation')} className="rounded border border-slate-300 bg-white px-4 py-2 text-sm">{tVacation('link')}</Link>
        <Link href={mailboxPath(mailbox.username, 'delete')} className="rounded border border-red-300 bg-white px-4 py-2 text-sm text-red-700">{t('delete')}</Link>
      </div>
      <EditMailboxForm
        address={mailbox.username}
        name={mailbox.name}
        quota={formatQuotaMib(mailbox.quota)}
        passwordMinLength={passwordMinLength}
        quotaHint={await quotaHintText(room)}
      />
      <StorageJobs address={mailbox.username} jobs={jobs} runsHere={storageRunsHere} storage={cyrus ? 'cyrus' : 'maildir'} />
    </>
  );
}
