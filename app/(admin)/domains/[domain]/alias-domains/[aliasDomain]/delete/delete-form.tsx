'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { deleteAliasDomainAction } from '@/lib/alias-domains/actions';

export function DeleteAliasDomainForm({ aliasDomain, back }: { aliasDomain: string; back: string }) {
  const t = useTranslations('aliasDomain');
  const [state, action, pending] = useActionState(deleteAliasDomainAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-4 space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="aliasDomain" value={aliasDomain} />
      <input type="hidden" name="back" value={back} />
      <SubmitButton variant="danger" pending={pending}>{t('deleteSubmit')}</SubmitButton>
    </form>
  );
}
