'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { switchOffVacationAction } from '@/lib/vacation/actions';

export function AdminSwitchOffForm({ mailbox, isOn }: { mailbox: string; isOn: boolean }) {
  const t = useTranslations('vacation');
  const [state, action, pending] = useActionState(switchOffVacationAction, initialActionState);
  return (
    <form action={action} className="mt-4 max-w-2xl space-y-2">
      <FormMessage state={state} />
      <input type="hidden" name="mailbox" value={mailbox} />
      <SubmitButton pending={pending} disabled={pending || !isOn} variant="danger">{t('switchOff')}</SubmitButton>
    </form>
  );
}
