'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { saveOwnVacationAction, switchOffOwnVacationAction } from '@/lib/account/actions';
import { initialActionState } from '@/lib/actions/action-state';

type Fields = { subject: string; body: string; activeFrom: string; activeUntil: string; days: string };

/** Switches the reply on, or changes it: subject, text, first and last day (UTC), days between replies. */
export function VacationForm({ defaults, maxDays, isOn }: { defaults: Fields; maxDays: number; isOn: boolean }) {
  const t = useTranslations('vacation');
  const [state, action, pending] = useActionState(saveOwnVacationAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const value = (name: keyof Fields) => state.values?.[name] ?? defaults[name];
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <TextField name="subject" label={t('subject')} placeholder={t('subjectPlaceholder')} maxLength={255} defaultValue={value('subject')} errors={errors.subject} />
      <div>
        <label htmlFor="body" className="block text-sm font-medium text-slate-800">{t('body')}</label>
        <textarea
          id="body"
          name="body"
          rows={8}
          placeholder={t('bodyPlaceholder')}
          aria-invalid={errors.body?.length ? true : undefined}
          aria-describedby="body-error"
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm focus:border-blue-600 focus:outline-none aria-invalid:border-red-600"
          defaultValue={value('body')}
        />
        <FieldError id="body-error" errors={errors.body} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="activeFrom" type="date" label={t('activeFrom')} hint={t('datesHint')} defaultValue={value('activeFrom')} errors={errors.activeFrom} />
        <TextField name="activeUntil" type="date" label={t('activeUntil')} defaultValue={value('activeUntil')} errors={errors.activeUntil} />
      </div>
      <TextField name="days" type="number" min={1} max={maxDays} label={t('days')} hint={t('daysHint', { max: maxDays })} defaultValue={value('days')} errors={errors.days} className="max-w-xs" />
      <SubmitButton pending={pending}>{isOn ? t('save') : t('switchOn')}</SubmitButton>
    </form>
  );
}

/** Switches the reply off; the texts are kept for next time. Stays on the page, so its answer stays too. */
export function SwitchOffVacationForm({ isOn }: { isOn: boolean }) {
  const t = useTranslations('vacation');
  const [state, action, pending] = useActionState(switchOffOwnVacationAction, initialActionState);
  return (
    <form action={action} className="mt-4 max-w-2xl space-y-2">
      <FormMessage state={state} />
      <SubmitButton pending={pending} disabled={pending || !isOn} variant="secondary">{t('switchOff')}</SubmitButton>
    </form>
  );
}
