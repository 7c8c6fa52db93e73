import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { getOwnForward, getOwnQuotaUsage } from '@/lib/account/queries';
import { displayAddress } from '@/lib/aliases/display';
import { requireMailboxOwnerPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { getClientSettings } from '@/lib/settings/client-settings';
import { findVacation } from '@/lib/vacation/queries';
import { isReplying } from '@/lib/vacation/rules';
import { ClientSettingsList } from './client-settings-list';
import { QuotaUsage } from './quota-usage';

export const metadata = { title: 'My mailbox' };

/** A mailbox owner's overview: their address, quota usage, forwarding, reply, and mail program settings. */
export default async function AccountPage() {
  const owner = await requireMailboxOwnerPage();
  const t = await getTranslations('account');
  const format = await getFormatter();
  const [usage, forward, vacation, clients] = await Promise.all([getOwnQuotaUsage(owner), getOwnForward(owner), findVacation(owner.username), getClientSettings(getDb())]);
  const address = displayAddress(owner.username);
  const targets = forward.targets.map(displayAddress).join(', ');
  const now = new Date();
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'medium' });
  const vacationText = !vacation?.active
    ? t('vacationOff')
    : isReplying(vacation, now)
      ? t('vacationOn', { until: day(vacation.activeuntil) })
      : vacation.activeuntil < now ? t('vacationOver') : t('vacationPlanned', { from: day(vacation.activefrom), until: day(vacation.activeuntil) });
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <dl className="mt-4 grid grid-cols-[10rem_1fr] gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-6 text-sm">
        <dt className="text-slate-600">{t('address')}</dt>
        <dd data-testid="account-address">{address}</dd>
        {owner.name && (
          <>
            <dt className="text-slate-600">{t('name')}</dt>
            <dd>{owner.name}</dd>
          </>
        )}
        <dt className="text-slate-600">{t('quota')}</dt>
        <dd data-testid="account-quota"><QuotaUsage usedBytes={usage?.bytes ?? null} messages={usage?.messages ?? 0} quotaBytes={owner.quota} /></dd>
        <dt className="text-slate-600">{t('forwarding')}</dt>
        <dd data-testid="account-forward">
          {forward.targets.length === 0 ? t('forwardNone') : forward.keepCopy ? t('forwardCopy', { targets }) : t('forwardPure', { targets })}{' '}
          <Link href="/account/forward" className="text-blue-700 hover:underline">{t('change')}</Link>
        </dd>
        <dt className="text-slate-600">{t('vacation')}</dt>
        <dd data-testid="account-vacation">
          {vacationText} <Link href="/account/vacation" className="text-blue-700 hover:underline">{t('change')}</Link>
        </dd>
      </dl>
      <h2 className="mt-8 text-lg font-semibold">{t('clients.title')}</h2>
      <ClientSettingsList settings={clients} username={owner.username} />
    </>
  );
}
