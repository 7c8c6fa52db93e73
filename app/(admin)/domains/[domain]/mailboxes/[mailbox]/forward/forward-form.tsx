'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { DestinationsField } from '@/components/destinations-field';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { saveForwardAction } from '@/lib/forwards/actions';

export function ForwardForm({ mailbox, targets, keepCopy }: { mailbox: string; targets: string[]; keepCopy: boolean }) {
  const t = useTranslations('forward');
  const [state, action, pending] = useActionState(saveForwardAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <input type="hidden" name="mailbox" value={mailbox} />
      <DestinationsField name="goto" label={t('goto')} hint={t('gotoHint')} defaultValue={state.values?.goto ?? targets.join('\n')} errors={errors.goto} />
      <CheckboxField name="keepCopy" label={t('keepCopy')} defaultChecked={state.values ? state.values.keepCopy === 'on' : keepCopy} errors={errors.keepCopy} />
      <SubmitButton pending={pending}>{t('save')}</SubmitButton>
    </form>
  );
}
