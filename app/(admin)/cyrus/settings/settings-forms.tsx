'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField, TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { saveCyrusSettingsAction, saveDomainStorageAction } from '@/lib/mail/cyrus/actions';
import { STORAGE_BACKENDS, type StorageBackend } from '@/lib/settings/storage-backend';

interface SettingsView {
  host: string;
  port: number;
  tls: boolean;
  adminUser: string;
  quotaWarnPercent: number;
  sievePort: number;
  hasAdminPassword: boolean;
}

function BackendSelect({ name, label, hint, value, errors, allowDefault }: { name: string; label: string; hint?: string; value: string; errors?: string[]; allowDefault?: string }) {
  const t = useTranslations('cyrus');
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">{label}</label>
      {hint && <p id={`${name}-hint`} className="mt-1 text-xs text-slate-600">{hint}</p>}
      <select id={name} name={name} defaultValue={value} aria-describedby={hint ? `${name}-hint ${name}-error` : `${name}-error`} className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm">
        {allowDefault !== undefined && <option value="">{t('storage.followDefault', { backend: allowDefault })}</option>}
        {STORAGE_BACKENDS.map((b) => <option key={b} value={b}>{t(`backends.${b}`)}</option>)}
      </select>
      <FieldError id={`${name}-error`} errors={errors} />
    </div>
  );
}

/** The connection form; the admin password is write-only: the page says only whether one is stored. */
export function CyrusSettingsForm({ settings, defaultBackend }: { settings: SettingsView; defaultBackend: StorageBackend }) {
  const t = useTranslations('cyrus');
  const [state, action, pending] = useActionState(saveCyrusSettingsAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <TextField name="host" label={t('connectionForm.host')} hint={t('connectionForm.hostHint')} defaultValue={v.host ?? settings.host} errors={errors.host} autoComplete="off" spellCheck={false} />
        <TextField name="port" type="number" min={1} max={65535} label={t('connectionForm.port')} defaultValue={v.port ?? settings.port} errors={errors.port} />
      </div>
      <CheckboxField name="tls" label={t('connectionForm.tls')} hint={t('connectionForm.tlsHint')} defaultChecked={v.host !== undefined ? v.tls === 'on' : settings.tls} errors={errors.tls} />
      <TextField name="adminUser" label={t('connectionForm.adminUser')} defaultValue={v.adminUser ?? settings.adminUser} errors={errors.adminUser} autoComplete="off" />
      <TextField
        name="adminPassword"
        type="password"
        label={t('connectionForm.adminPassword')}
        hint={t('connectionForm.adminPasswordHint', { state: settings.hasAdminPassword ? t('passwordSet') : t('passwordNotSet') })}
        defaultValue=""
        errors={errors.adminPassword}
        autoComplete="new-password"
      />
      <TextField name="sievePort" type="number" min={1} max={65535} label={t('connectionForm.sievePort')} hint={t('connectionForm.sievePortHint')} defaultValue={v.sievePort ?? settings.sievePort} errors={errors.sievePort} />
      <TextField name="quotaWarnPercent" type="number" min={1} max={100} label={t('connectionForm.quotaWarnPercent')} hint={t('connectionForm.quotaWarnPercentHint')} defaultValue={v.quotaWarnPercent ?? settings.quotaWarnPercent} errors={errors.quotaWarnPercent} />
      <BackendSelect name="defaultBackend" label={t('connectionForm.defaultBackend')} hint={t('connectionForm.defaultBackendHint')} value={v.defaultBackend ?? defaultBackend} errors={errors.defaultBackend} />
      <SubmitButton pending={pending}>{t('connectionForm.save')}</SubmitButton>
    </form>
  );
}

/** One domain's own storage choice and the folders of its new Cyrus mailboxes. */
export function DomainStorageForm({ defaultBackend }: { defaultBackend: StorageBackend }) {
  const t = useTranslations('cyrus');
  const [state, action, pending] = useActionState(saveDomainStorageAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      <TextField name="domain" label={t('storage.domain')} defaultValue={v.domain ?? ''} errors={errors.domain} autoComplete="off" spellCheck={false} />
      <BackendSelect name="backend" label={t('storage.backend')} value={v.backend ?? ''} errors={errors.backend} allowDefault={t(`backends.${defaultBackend}`)} />
      <TextField name="folders" label={t('storage.folders')} hint={t('storage.foldersHint')} defaultValue={v.folders ?? 'Sent, Drafts, Trash, Junk'} errors={errors.folders} />
      <SubmitButton pending={pending}>{t('storage.save')}</SubmitButton>
    </form>
  );
}
