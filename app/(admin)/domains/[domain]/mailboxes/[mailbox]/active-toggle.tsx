'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { setMailboxActiveAction } from '@/lib/mailboxes/actions';

export function MailboxActiveToggle({ address, active }: { address: string; active: boolean }) {
  const t = useTranslations('mailbox');
  const [state, action, pending] = useActionState(setMailboxActiveAction, initialActionState);
  return (
    <form action={action} noValidate className="flex items-center gap-2">
      <input type="hidden" name="address" value={address} />
      {!active && <input type="hidden" name="active" value="on" />}
      <SubmitButton variant="secondary" pending={pending}>{active ? t('deactivate') : t('activate')}</SubmitButton>
      <FormMessage state={state} />
    </form>
  );
}
