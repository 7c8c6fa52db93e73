'use client';

import Link from 'next/link';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import type { ActionState } from '@/lib/actions/action-state';
import { initialActionState } from '@/lib/actions/action-state';

type ServerAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * The confirmation step of a destructive action (delete, unassign…): the action's message, the hidden
 * fields naming what it applies to, an optional typed confirmation, the button and a way back. The page
 * around it says what will go; labels arrive translated from that server page.
 */
export function ConfirmForm({
  action,
  fields,
  submitLabel,
  confirm,
  cancel,
}: {
  action: ServerAction;
  fields: Record<string, string>;
  submitLabel: string;
  /** a field the person must fill in (e.g. the domain's name), validated by the action */
  confirm?: { name: string; label: string };
  cancel?: { href: string; label: string };
}) {
  const [state, formAction, pending] = useActionState(action, initialActionState);
  return (
    <form action={formAction} noValidate className="mt-4 space-y-3">
      <FormMessage state={state} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirm ? <TextField name={confirm.name} label={confirm.label} autoComplete="off" errors={state.fieldErrors?.[confirm.name]} /> : null}
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton variant="danger" pending={pending}>{submitLabel}</SubmitButton>
        {cancel ? (
          <Link href={cancel.href} className="text-sm text-blue-700 hover:underline">{cancel.label}</Link>
        ) : null}
      </div>
    </form>
  );
}
