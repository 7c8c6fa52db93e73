import { getFormatter, getTranslations } from 'next-intl/server';
import { requireMailboxOwnerPage } from '@/lib/auth/session';
import { findVacation, isVacationAvailable } from '@/lib/vacation/queries';
import { isReplying, MAX_DAYS, vacationFormDefaults } from '@/lib/vacation/rules';
import { SwitchOffVacationForm, VacationForm } from './vacation-form';

export const metadata = { title: 'Out-of-office reply' };

export default async function AccountVacationPage() {
  const owner = await requireMailboxOwnerPage();
  const t = await getTranslations('vacation');
  const format = await getFormatter();
  const [vacation, available] = await Promise.all([findVacation(owner.username), isVacationAvailable(owner.username)]);
  const now = new Date();
  const day = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short' });
  const defaults = vacationFormDefaults(vacation, now);
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('intro')}</p>
      <p className="mt-2 text-sm" data-testid="vacation-state">
        <span className="font-medium">{t('current')}: </span>
        {!vacation?.active ? t('stateOff') : isReplying(vacation, now) ? t('stateOn', { until: day(vacation.activeuntil) }) : t('stateOutside', { from: day(vacation.activefrom), until: day(vacation.activeuntil) })}
      </p>
      {!available ? (
        <p role="status" className="mt-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('notConfigured')}</p>
      ) : (
        <VacationForm defaults={{ ...defaults, days: String(defaults.days) }} maxDays={MAX_DAYS} isOn={vacation?.active ?? false} />
      )}
      <SwitchOffVacationForm isOn={vacation?.active ?? false} />
    </>
  );
}
