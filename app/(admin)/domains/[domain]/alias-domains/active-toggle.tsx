'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { setAliasDomainActiveAction } from '@/lib/alias-domains/actions';

export function AliasDomainActiveToggle({ aliasDomain, active }: { aliasDomain: string; active: boolean }) {
  const t = useTranslations('aliasDomain');
  const [state, action, pending] = useActionState(setAliasDomainActiveAction, initialActionState);
  return (
    <form action={action} noValidate className="flex items-center gap-2">
      <input type="hidden" name="aliasDomain" value={aliasDomain} />
      {!active && <input type="hidden" name="active" value="on" />}
      <SubmitButton variant="secondary" pending={pending}>{active ? t('deactivate') : t('activate')}</SubmitButton>
      {!state.ok && <FormMessage state={state} />}
    </form>
  );
}
