import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { displayAddress } from '@/lib/aliases/display';
import { addressFromSegment } from '@/lib/aliases/route-segment';
import { requireAdminPage } from '@/lib/auth/session';
import { mailboxFromRoute } from '@/lib/forwards/queries';
import { mailboxPath } from '@/lib/mailboxes/address';
import { findVacationForActor } from '@/lib/vacation/queries';
import { intervalToDays, isReplying } from '@/lib/vacation/rules';
import { AdminSwitchOffForm } from './switch-off-form';

export const metadata = { title: 'Out-of-office reply' };

/** An admin sees a mailbox's reply (PostfixAdmin's vacation row) and can switch it off. */
export default async function MailboxVacationPage({ params }: { params: Promise<{ domain: string; mailbox: string }> }) {
  const actor = await requireAdminPage();
  const { domain: domainParam, mailbox: mailboxParam } = await params;
  const domain = decodeURIComponent(domainParam).toLowerCase();
  const found = await findVacationForActor(actor, domain, mailboxFromRoute(domain, addressFromSegment(mailboxParam)));
  if (!found) notFound();
  const t = await getTranslations('vacation');
  const format = await getFormatter();
  const { vacation } = found;
  const when = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const now = new Date();
  return (
    <>
      <Link href={mailboxPath(found.username)} className="text-sm text-blue-700 hover:underline">← {displayAddress(found.username)}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('adminTitle', { mailbox: displayAddress(found.username) })}</h1>
      <p className="mt-2 text-sm" data-testid="vacation-state">
        <span className="font-medium">{t('current')}: </span>
        {!vacation?.active ? t('stateOff') : isReplying(vacation, now) ? t('stateOn', { until: when(vacation.activeuntil) }) : t('stateOutside', { from: when(vacation.activefrom), until: when(vacation.activeuntil) })}
      </p>
      {vacation && (
        <dl className="mt-4 grid max-w-2xl grid-cols-[12rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm">
          <dt className="text-slate-600">{t('subject')}</dt>
          <dd data-testid="vacation-subject">{vacation.subject}</dd>
          <dt className="text-slate-600">{t('body')}</dt>
          <dd data-testid="vacation-body" className="whitespace-pre-wrap">{vacation.body}</dd>
          <dt className="text-slate-600">{t('period')}</dt>
          <dd>{t('periodValue', { from: when(vacation.activefrom), until: when(vacation.activeuntil) })}</dd>
          <dt className="text-slate-600">{t('interval')}</dt>
          <dd>{vacation.intervalTime === 0 ? t('intervalOnce') : t('intervalDays', { days: intervalToDays(vacation.intervalTime) })}</dd>
        </dl>
      )}
      <AdminSwitchOffForm mailbox={found.username} isOn={vacation?.active ?? false} />
    </>
  );
}
