'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { setDomainActiveAction } from '@/lib/domains/actions';

export function ActiveToggle({ domain, active }: { domain: string; active: boolean }) {
  const t = useTranslations('domain');
  const [state, action, pending] = useActionState(setDomainActiveAction, initialActionState);
  return (
    <form action={action} noValidate className="flex items-center gap-2">
      <input type="hidden" name="domain" value={domain} />
      {!active && <input type="hidden" name="active" value="on" />}
      <SubmitButton variant="secondary" pending={pending}>{active ? t('deactivate') : t('activate')}</SubmitButton>
      {!state.ok && <FormMessage state={state} />}
    </form>
  );
}
