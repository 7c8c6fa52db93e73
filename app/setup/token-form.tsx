'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { verifySetupTokenAction } from '@/lib/setup/actions';

export function TokenForm() {
  const t = useTranslations('setup');
  const [state, action, pending] = useActionState(verifySetupTokenAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-4 space-y-3">
      <FormMessage state={state} />
      <TextField name="token" label={t('token')} autoComplete="off" spellCheck={false} required errors={state.fieldErrors?.token} />
      <SubmitButton pending={pending}>{t('continue')}</SubmitButton>
    </form>
  );
}
