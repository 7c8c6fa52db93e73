'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/actions/action-state';
import { initialActionState } from '@/lib/actions/action-state';
import { ParamErrors } from './destinations-field';
import { FormMessage } from './field-error';
import { SubmitButton } from './submit-button';

/**
 * The activate/deactivate button of a domain, mailbox, alias or alias domain: posts the object's key
 * and the new state (an unticked `active` means inactive) to its server action; a refusal shows beside it.
 */
export function ActiveToggle({
  action: serverAction,
  keyName,
  keyValue,
  active,
  labels,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  keyName: string;
  keyValue: string;
  active: boolean;
  labels: { activate: string; deactivate: string };
}) {
  const [state, action, pending] = useActionState(serverAction, initialActionState);
  return (
    <form action={action} noValidate className="flex flex-wrap items-center gap-2">
      <input type="hidden" name={keyName} value={keyValue} />
      {!active && <input type="hidden" name="active" value="on" />}
      <SubmitButton variant="secondary" pending={pending}>{active ? labels.deactivate : labels.activate}</SubmitButton>
      <FormMessage state={state} />
      <ParamErrors id={`${keyName}-active-error`} errors={state.fieldErrors?.active} />
    </form>
  );
}
