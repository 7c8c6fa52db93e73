'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { applyMigrationsAction } from '@/lib/setup/actions';

export function MigrateForm() {
  const t = useTranslations('setup');
  const [state, action, pending] = useActionState(applyMigrationsAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-4 space-y-3">
      <FormMessage state={state} />
      <SubmitButton pending={pending}>{t('applyMigrations')}</SubmitButton>
    </form>
  );
}
