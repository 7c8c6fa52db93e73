'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { retryJobAction } from '@/lib/jobs/actions';

/** The retry button of one storage job. */
export function RetryJobForm({ id, address }: { id: string; address: string }) {
  const t = useTranslations('storage');
  const [state, action, pending] = useActionState(retryJobAction, initialActionState);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="address" value={address} />
      <SubmitButton variant="secondary" pending={pending}>{t('jobs.retry')}</SubmitButton>
      {!state.ok && <FormMessage state={state} />}
    </form>
  );
}
