'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { changeMailboxPasswordAction } from '@/lib/account/actions';
import { initialActionState } from '@/lib/actions/action-state';

export function MailboxPasswordForm({ passwordMinLength }: { passwordMinLength: number }) {
  const t = useTranslations('account');
  const [state, action, pending] = useActionState(changeMailboxPasswordAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <TextField name="currentPassword" type="password" label={t('passwordPage.current')} autoComplete="current-password" required errors={errors.currentPassword} />
      <TextField name="password" type="password" label={t('passwordPage.new')} hint={t('passwordPage.hint', { min: passwordMinLength })} autoComplete="new-password" required errors={errors.password} />
      <TextField name="passwordConfirm" type="password" label={t('passwordPage.confirm')} autoComplete="new-password" required errors={errors.passwordConfirm} />
      <SubmitButton pending={pending}>{t('passwordPage.submit')}</SubmitButton>
    </form>
  );
}
