'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { ParamErrors } from '@/components/destinations-field';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { setAliasActiveAction } from '@/lib/aliases/actions';

/** Activates or deactivates an alias; a refusal (a loop it would close) is shown beside it. */
export function AliasActiveToggle({ address, active }: { address: string; active: boolean }) {
  const t = useTranslations('alias');
  const [state, action, pending] = useActionState(setAliasActiveAction, initialActionState);
  return (
    <form action={action} noValidate className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="address" value={address} />
      {!active && <input type="hidden" name="active" value="on" />}
      <SubmitButton variant="secondary" pending={pending}>{active ? t('deactivate') : t('activate')}</SubmitButton>
      <FormMessage state={state} />
      <ParamErrors id="active-error" errors={state.fieldErrors?.active} />
    </form>
  );
}
