'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { changeOwnPasswordAction } from '@/lib/admins/actions';

export function ChangePasswordForm({ passwordMinLength }: { passwordMinLength: number }) {
  const t = useTranslations('profile');
  const [state, action, pending] = useActionState(changeOwnPasswordAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <TextField name="currentPassword" type="password" label={t('currentPassword')} autoComplete="current-password" required errors={errors.currentPassword} />
      <TextField name="password" type="password" label={t('newPassword')} hint={t('passwordHint', { min: passwordMinLength })} autoComplete="new-password" required errors={errors.password} />
      <TextField name="passwordConfirm" type="password" label={t('passwordConfirm')} autoComplete="new-password" required errors={errors.passwordConfirm} />
      <SubmitButton pending={pending}>{t('submit')}</SubmitButton>
    </form>
  );
}
