'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { resetAdminPasswordAction } from '@/lib/admins/actions';

export function ResetPasswordForm({ username, passwordMinLength }: { username: string; passwordMinLength: number }) {
  const t = useTranslations('admin');
  const [state, action, pending] = useActionState(resetAdminPasswordAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-2 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <input type="hidden" name="username" value={username} />
      <TextField name="password" type="password" label={t('newPassword')} hint={t('passwordHint', { min: passwordMinLength })} autoComplete="new-password" errors={errors.password} />
      <TextField name="passwordConfirm" type="password" label={t('passwordConfirm')} autoComplete="new-password" errors={errors.passwordConfirm} />
      <SubmitButton variant="secondary" pending={pending}>{t('resetPassword')}</SubmitButton>
    </form>
  );
}
