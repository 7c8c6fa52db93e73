'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField, TextField } from '@/components/text-field';
import { initialActionState, type ActionState } from '@/lib/actions/action-state';
import { splitEchoedDomains } from '@/lib/admins/domains-field';

export interface AdminFormValues {
  username: string;
  isSuperadmin: boolean;
  active: boolean;
  domains: string[];
}

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  initial: AdminFormValues;
  /** every domain, stored (punycode) name and the name shown */
  domainChoices: { ascii: string; unicode: string }[];
  /** create mode: the username and password fields, and the password's minimum length */
  passwordMinLength?: number;
};

export function AdminForm({ action: serverAction, initial, domainChoices, passwordMinLength }: Props) {
  const t = useTranslations('admin');
  const [state, action, pending] = useActionState(serverAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const isCreate = passwordMinLength !== undefined;
  const checked = (name: 'superadmin' | 'active', fallback: boolean) => (state.values ? state.values[name] === 'on' : fallback);
  const checkedDomains = new Set(state.values ? splitEchoedDomains(state.values.domains) : initial.domains);

  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      {isCreate ? (
        <>
          <TextField name="username" type="email" label={t('username')} hint={t('usernameHint')} required autoComplete="off" defaultValue={state.values?.username ?? ''} errors={errors.username} />
          <TextField name="password" type="password" label={t('password')} hint={t('passwordHint', { min: passwordMinLength })} required autoComplete="new-password" errors={errors.password} />
          <TextField name="passwordConfirm" type="password" label={t('passwordConfirm')} required autoComplete="new-password" errors={errors.passwordConfirm} />
        </>
      ) : (
        <input type="hidden" name="username" value={initial.username} />
      )}
      <CheckboxField name="superadmin" label={t('superadminLabel')} hint={t('superadminHint')} defaultChecked={checked('superadmin', initial.isSuperadmin)} errors={errors.superadmin} />
      <CheckboxField name="active" label={t('activeLabel')} defaultChecked={checked('active', initial.active)} errors={errors.active} />
      <fieldset className="rounded border border-slate-200 p-4" aria-describedby="domains-error">
        <legend className="px-1 text-sm font-medium">{t('domains')}</legend>
        <p className="text-xs text-slate-500">{t('domainsHint')}</p>
        {domainChoices.length === 0 && <p className="mt-2 text-sm text-slate-500">{t('noDomains')}</p>}
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {domainChoices.map((d) => (
            <label key={d.ascii} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="domains" value={d.ascii} defaultChecked={checkedDomains.has(d.ascii)} className="h-4 w-4" />
              {d.unicode}
            </label>
          ))}
        </div>
        <FieldError id="domains-error" errors={errors.domains} />
      </fieldset>
      <SubmitButton pending={pending}>{isCreate ? t('create') : t('save')}</SubmitButton>
    </form>
  );
}
