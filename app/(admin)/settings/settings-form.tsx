'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { saveSettingsAction } from '@/lib/settings/actions';
import type { Settings } from '@/lib/settings/settings';

export function SettingsForm({ settings }: { settings: Settings }) {
  const { defaultTransport, defaultAliasTargets: targets } = settings;
  const t = useTranslations('settings');
  const [state, action, pending] = useActionState(saveSettingsAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <TextField name="defaultTransport" label={t('defaultTransport')} hint={t('defaultTransportHint')} defaultValue={state.values?.defaultTransport ?? defaultTransport} errors={errors.defaultTransport} />
      <TextField name="passwordMinLength" type="number" min={8} max={128} label={t('passwordMinLength')} defaultValue={state.values?.passwordMinLength ?? settings.passwordMinLength} errors={errors.passwordMinLength} />
      <TextField name="reservedLocalParts" label={t('reservedLocalParts')} hint={t('reservedLocalPartsHint')} defaultValue={state.values?.reservedLocalParts ?? settings.reservedLocalParts.join(', ')} errors={errors.reservedLocalParts} />
      <fieldset>
        <legend className="text-sm font-medium">{t('defaultAliasTargets')}</legend>
        <p className="text-xs text-slate-500">{t('defaultAliasTargetsHint')}</p>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          {Object.entries(targets).map(([name, target]) => (
            <TextField key={name} name={`target_${name}`} type="email" label={`${name}@`} defaultValue={state.values?.[`target_${name}`] ?? target} errors={errors[`target_${name}`]} />
          ))}
        </div>
      </fieldset>
      <SubmitButton pending={pending}>{t('save')}</SubmitButton>
    </form>
  );
}
