'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { deleteAliasAction } from '@/lib/aliases/actions';

export function DeleteAliasForm({ address }: { address: string }) {
  const t = useTranslations('alias');
  const [state, action, pending] = useActionState(deleteAliasAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-4 space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="address" value={address} />
      <SubmitButton variant="danger" pending={pending}>{t('deleteSubmit')}</SubmitButton>
    </form>
  );
}
