'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { deleteAdminAction } from '@/lib/admins/actions';

export function DeleteAdminForm({ username }: { username: string }) {
  const t = useTranslations('admin');
  const [state, action, pending] = useActionState(deleteAdminAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-4 space-y-3">
      <FormMessage state={state} />
      <input type="hidden" name="username" value={username} />
      <SubmitButton variant="danger" pending={pending}>{t('deleteSubmit')}</SubmitButton>
    </form>
  );
}
