'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { deleteDomainAction } from '@/lib/domains/actions';

export function DeleteDomainForm({ domain }: { domain: string }) {
  const t = useTranslations('domain');
  const [state, action, pending] = useActionState(deleteDomainAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-4 space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="domain" value={domain} />
      <TextField name="confirm" label={t('deleteConfirmLabel')} autoComplete="off" errors={state.fieldErrors?.confirm} />
      <SubmitButton variant="danger" pending={pending}>{t('deleteSubmit')}</SubmitButton>
    </form>
  );
}
