'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { deleteMailboxAction } from '@/lib/mailboxes/actions';

export function DeleteMailboxForm({ address, cancelHref }: { address: string; cancelHref: string }) {
  const t = useTranslations('mailbox');
  const [state, action, pending] = useActionState(deleteMailboxAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-4 flex flex-wrap items-center gap-3">
      <FormMessage state={state} />
      <input type="hidden" name="address" value={address} />
      <SubmitButton variant="danger" pending={pending}>{t('deleteSubmit')}</SubmitButton>
      <Link href={cancelHref} className="text-sm text-blue-700 hover:underline">{t('cancel')}</Link>
    </form>
  );
}
