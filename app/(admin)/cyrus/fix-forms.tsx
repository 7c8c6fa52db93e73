'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { CheckboxField } from '@/components/text-field';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { adoptCyrusOrphansAction, createMissingOnCyrusAction, deleteCyrusOrphansAction } from '@/lib/mail/cyrus/actions';
import type { FixState } from '@/lib/mail/cyrus/service';

const initial: FixState = {};

/** Which mailboxes a fix handled, and which it could not (with why). */
function FixDetails({ state }: { state: FixState }) {
  const t = useTranslations();
  return (
    <>
      {state.done && state.done.length > 0 && state.failed && state.failed.length > 0 && <p className="text-sm text-green-800">{t('cyrus.fix.done', { names: state.done.join(', ') })}</p>}
      {state.failed && state.failed.length > 0 && (
        <div className="text-sm text-red-800">
          <p>{t('cyrus.fix.failed')}</p>
          <ul className="list-disc pl-5">
            {state.failed.map((f) => <li key={f.username}>{f.username}: {t.has(f.reason) ? t(f.reason) : t('errors.unexpected')}</li>)}
          </ul>
        </div>
      )}
    </>
  );
}

// Each form stays mounted when its list empties (canRun false): its answer stays on the page.

export function CreateMissingForm({ canRun }: { canRun: boolean }) {
  const t = useTranslations('cyrus');
  const [state, action, pending] = useActionState(createMissingOnCyrusAction, initial);
  return (
    <form action={action} noValidate className="mt-3 space-y-2">
      <FormMessage state={state} />
      <FixDetails state={state} />
      {canRun && <SubmitButton pending={pending}>{t('missing.button')}</SubmitButton>}
    </form>
  );
}

export function AdoptOrphansForm({ canRun }: { canRun: boolean }) {
  const t = useTranslations('cyrus');
  const [state, action, pending] = useActionState(adoptCyrusOrphansAction, initial);
  return (
    <form action={action} noValidate className="mt-3 space-y-2">
      <FormMessage state={state} />
      <FixDetails state={state} />
      {canRun && (
        <>
          <p className="text-xs text-slate-500">{t('orphans.adoptHint')}</p>
          <SubmitButton variant="secondary" pending={pending}>{t('orphans.adoptButton')}</SubmitButton>
        </>
      )}
    </form>
  );
}

export function DeleteOrphansForm({ canRun }: { canRun: boolean }) {
  const t = useTranslations('cyrus');
  const [state, action, pending] = useActionState(deleteCyrusOrphansAction, initial);
  return (
    <form action={action} noValidate className="mt-3 space-y-2">
      <FormMessage state={state} />
      <FixDetails state={state} />
      {canRun && (
        <div className="space-y-2 rounded border border-red-200 bg-red-50/40 p-3">
          <CheckboxField name="confirm" label={t('orphans.confirmDelete')} errors={state.fieldErrors?.confirm} />
          <SubmitButton variant="danger" pending={pending}>{t('orphans.deleteButton')}</SubmitButton>
        </div>
      )}
    </form>
  );
}
