'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField, TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { createAliasDomainAction } from '@/lib/alias-domains/actions';

/** Adds an alias domain from this domain's page, in either direction. */
export function AliasDomainForm({ domain, unicodeDomain }: { domain: string; unicodeDomain: string }) {
  const t = useTranslations('aliasDomain');
  const [state, action, pending] = useActionState(createAliasDomainAction, initialActionState);
  const direction = state.values?.direction ?? 'incoming';
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-2 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <input type="hidden" name="domain" value={domain} />
      <fieldset aria-describedby="direction-error">
        <legend className="text-sm font-medium text-slate-800">{t('direction')}</legend>
        <div className="mt-2 space-y-2 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="direction" value="incoming" defaultChecked={direction === 'incoming'} />
            {t('incomingChoice', { domain: unicodeDomain })}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="direction" value="outgoing" defaultChecked={direction === 'outgoing'} />
            {t('outgoingChoice', { domain: unicodeDomain })}
          </label>
        </div>
        <FieldError id="direction-error" errors={errors.direction} />
      </fieldset>
      <TextField name="other" label={t('other')} hint={t('otherHint')} defaultValue={state.values?.other ?? ''} errors={errors.other} autoComplete="off" spellCheck={false} />
      <CheckboxField name="active" label={t('activeLabel')} defaultChecked={state.values ? state.values.active === 'on' : true} />
      <SubmitButton pending={pending}>{t('create')}</SubmitButton>
    </form>
  );
}
