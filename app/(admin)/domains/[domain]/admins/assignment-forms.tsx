'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { initialActionState } from '@/lib/actions/action-state';
import { assignDomainAdminAction, unassignDomainAdminAction } from '@/lib/admins/actions';

export function AssignAdminForm({ domain, admins }: { domain: string; admins: string[] }) {
  const t = useTranslations('admin');
  const [state, action, pending] = useActionState(assignDomainAdminAction, initialActionState);
  return (
    <form action={action} noValidate className="mt-2 max-w-2xl space-y-3 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <input type="hidden" name="domain" value={domain} />
      <div>
        <label htmlFor="username" className="block text-sm font-medium text-slate-800">{t('assignLabel')}</label>
        <select id="username" name="username" defaultValue="" aria-describedby="username-error" aria-invalid={state.fieldErrors?.username ? true : undefined} className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm">
          <option value="">{t('chooseAdmin')}</option>
          {admins.map((a) => <option key={a} value={a}>{a}</option>)}
        </select>
        <FieldError id="username-error" errors={state.fieldErrors?.username} />
      </div>
      <SubmitButton pending={pending}>{t('assign')}</SubmitButton>
    </form>
  );
}

export function UnassignAdminButton({ domain, username }: { domain: string; username: string }) {
  const t = useTranslations('admin');
  const [state, action, pending] = useActionState(unassignDomainAdminAction, initialActionState);
  return (
    <form action={action} noValidate className="inline-flex items-center gap-2">
      <input type="hidden" name="domain" value={domain} />
      <input type="hidden" name="username" value={username} />
      <SubmitButton variant="secondary" pending={pending} aria-label={t('unassignLabel', { username })}>{t('unassign')}</SubmitButton>
      {!state.ok && <FormMessage state={state} />}
    </form>
  );
}
