'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { saveClientSettingsAction } from '@/lib/settings/client-settings-actions';
import type { ClientSettings } from '@/lib/settings/client-settings';
import { saveManageSieveSettingsAction } from '@/lib/vacation/actions';

const SECURITY = ['ssl', 'starttls', 'none'] as const;

function SecurityField({ name, label, value, errors }: { name: string; label: string; value: string; errors?: string[] }) {
  const t = useTranslations('account');
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">{label}</label>
      <select id={name} name={name} defaultValue={value} aria-describedby={`${name}-error`} className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm">
        {SECURITY.map((s) => <option key={s} value={s}>{t(`clients.security.${s}`)}</option>)}
      </select>
      <FieldError id={`${name}-error`} errors={errors} />
    </div>
  );
}

/** IMAP and SMTP servers shown to mailbox owners. */
export function ClientSettingsForm({ settings }: { settings: ClientSettings }) {
  const t = useTranslations('selfService');
  const [state, action, pending] = useActionState(saveClientSettingsAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const value = (name: keyof ClientSettings) => state.values?.[name] ?? String(settings[name]);
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      {(['imap', 'smtp'] as const).map((p) => (
        <fieldset key={p} className="grid gap-4 sm:grid-cols-[1fr_7rem_10rem]">
          <legend className="mb-2 text-sm font-semibold">{t(`${p}Legend`)}</legend>
          <TextField name={`${p}Host`} label={t('host')} defaultValue={value(`${p}Host`)} errors={errors[`${p}Host`]} />
          <TextField name={`${p}Port`} type="number" min={1} max={65535} label={t('port')} defaultValue={value(`${p}Port`)} errors={errors[`${p}Port`]} />
          <SecurityField name={`${p}Security`} label={t('security')} value={value(`${p}Security`)} errors={errors[`${p}Security`]} />
        </fieldset>
      ))}
      <SubmitButton pending={pending}>{t('save')}</SubmitButton>
    </form>
  );
}

/** The ManageSieve server and the master user Mailroom logs in as; the password is never shown. */
export function ManageSieveSettingsForm({ settings }: { settings: { host: string; port: number; masterUser: string; hasPassword: boolean } }) {
  const t = useTranslations('selfService');
  const [state, action, pending] = useActionState(saveManageSieveSettingsAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-[1fr_7rem]">
        <TextField name="host" label={t('host')} defaultValue={state.values?.host ?? settings.host} errors={errors.host} />
        <TextField name="port" type="number" min={1} max={65535} label={t('port')} defaultValue={state.values?.port ?? String(settings.port)} errors={errors.port} />
      </div>
      <TextField name="masterUser" label={t('masterUser')} hint={t('masterUserHint')} autoComplete="off" defaultValue={state.values?.masterUser ?? settings.masterUser} errors={errors.masterUser} />
      <TextField name="masterPassword" type="password" label={t('masterPassword')} hint={settings.hasPassword ? t('masterPasswordKept') : t('masterPasswordHint')} autoComplete="new-password" errors={errors.masterPassword} />
      <SubmitButton pending={pending}>{t('save')}</SubmitButton>
    </form>
  );
}
