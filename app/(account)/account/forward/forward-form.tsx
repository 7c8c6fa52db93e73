'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { DestinationsField } from '@/components/destinations-field';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField } from '@/components/text-field';
import { saveOwnForwardAction } from '@/lib/account/actions';
import { initialActionState } from '@/lib/actions/action-state';

/** The owner's forward: the same fields as the admin's form, for their own mailbox only. */
export function OwnForwardForm({ targets, keepCopy }: { targets: string[]; keepCopy: boolean }) {
  const t = useTranslations('forward');
  const [state, action, pending] = useActionState(saveOwnForwardAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <DestinationsField name="goto" label={t('goto')} hint={t('gotoHint')} defaultValue={state.values?.goto ?? targets.join('\n')} errors={errors.goto} />
      <CheckboxField name="keepCopy" label={t('keepCopy')} defaultChecked={state.values ? state.values.keepCopy === 'on' : keepCopy} errors={errors.keepCopy} />
      <SubmitButton pending={pending}>{t('save')}</SubmitButton>
    </form>
  );
}
