'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField, TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { createMailboxAction, updateMailboxAction } from '@/lib/mailboxes/actions';
import { PasswordFields } from './password-fields';

interface Common {
  passwordMinLength: number;
  /** the domain's quota limits, as a sentence */
  quotaHint: string;
}

export function NewMailboxForm({ domain, domainLabel, initialQuota, passwordMinLength, quotaHint }: Common & { domain: string; domainLabel: string; initialQuota: string }) {
  const t = useTranslations('mailbox');
  const [state, action, pending] = useActionState(createMailboxAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <input type="hidden" name="domain" value={domain} />
      <div className="flex items-start gap-2">
        <TextField name="localPart" label={t('localPart')} hint={t('localPartHint')} required autoComplete="off" spellCheck={false} className="flex-1"
          defaultValue={state.values?.localPart ?? ''} errors={errors.localPart} />
        <span className="mt-8 text-sm text-slate-700">@{domainLabel}</span>
      </div>
      <TextField name="name" label={t('name')} hint={t('nameHint')} defaultValue={state.values?.name ?? ''} errors={errors.name} />
      <PasswordFields minLength={passwordMinLength} hint={t('passwordHint', { min: passwordMinLength })} errors={errors} required />
      <TextField name="quota" inputMode="decimal" label={t('quotaField')} hint={`${quotaHint} ${t('quotaUnit')}`} defaultValue={state.values?.quota ?? initialQuota} errors={errors.quota} />
      <CheckboxField name="active" label={t('activeLabel')} defaultChecked={state.values ? state.values.active === 'on' : true} errors={errors.active} />
      <SubmitButton pending={pending}>{t('create')}</SubmitButton>
    </form>
  );
}

export function EditMailboxForm({ address, name, quota, passwordMinLength, quotaHint }: Common & { address: string; name: string; quota: string }) {
  const t = useTranslations('mailbox');
  const [state, action, pending] = useActionState(updateMailboxAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <input type="hidden" name="address" value={address} />
      <TextField name="name" label={t('name')} hint={t('nameHint')} defaultValue={state.values?.name ?? name} errors={errors.name} />
      <PasswordFields minLength={passwordMinLength} hint={t('passwordEditHint', { min: passwordMinLength })} errors={errors} required={false} />
      <TextField name="quota" inputMode="decimal" label={t('quotaField')} hint={`${quotaHint} ${t('quotaUnit')}`} defaultValue={state.values?.quota ?? quota} errors={errors.quota} />
      <SubmitButton pending={pending}>{t('save')}</SubmitButton>
    </form>
  );
}
