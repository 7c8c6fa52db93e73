'use client';

import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import type { ActionState } from '@/lib/actions/action-state';
import { initialActionState } from '@/lib/actions/action-state';

export interface ChangePasswordLabels {
  current: string;
  new: string;
  hint: string;
  confirm: string;
  submit: string;
}

/**
 * Changing one's own password (an admin's or a mailbox owner's): current password, new one, confirmation.
 * The action checks the current password and the policy; labels arrive translated from the server page.
 */
export function ChangePasswordForm({ action, labels }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; labels: ChangePasswordLabels }) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} noValidate className="mt-4 max-w-md space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <TextField name="currentPassword" type="password" label={labels.current} autoComplete="current-password" required errors={errors.currentPassword} />
      <TextField name="password" type="password" label={labels.new} hint={labels.hint} autoComplete="new-password" required errors={errors.password} />
      <TextField name="passwordConfirm" type="password" label={labels.confirm} autoComplete="new-password" required errors={errors.passwordConfirm} />
      <SubmitButton pending={pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
