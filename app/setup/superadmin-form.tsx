'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { createSuperadminAction } from '@/lib/setup/actions';

export function SuperadminForm() {
  const t = useTranslations('setup');
  const [state, action, pending] = useActionState(createSuperadminAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-4 space-y-3">
      <FormMessage state={state} />
      <TextField name="username" type="email" label={t('superadminEmail')} autoComplete="username" required defaultValue={state.values?.username} errors={state.fieldErrors?.username} />
      <TextField name="password" type="password" label={t('password')} hint={t('passwordHint')} autoComplete="new-password" required errors={state.fieldErrors?.password} />
      <TextField name="passwordConfirm" type="password" label={t('passwordConfirm')} autoComplete="new-password" required errors={state.fieldErrors?.passwordConfirm} />
      <SubmitButton pending={pending}>{t('createSuperadmin')}</SubmitButton>
    </form>
  );
}
