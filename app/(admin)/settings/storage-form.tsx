'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField, TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { saveStorageSettingsAction } from '@/lib/settings/actions';
import type { Settings } from '@/lib/settings/settings';

type StorageSettings = Pick<Settings, 'mailBasePath' | 'archivePath' | 'deletePolicy' | 'vmailUid' | 'vmailGid' | 'vmailUser' | 'storageRunsHere' | 'passwordScheme' | 'mailDbHost' | 'mailDbPort' | 'mailDbUser'>;

const fieldset = 'space-y-3 rounded border border-slate-200 p-4';
const legend = 'px-1 text-sm font-semibold';

export function StorageSettingsForm({ settings, schemes }: { settings: StorageSettings; schemes: readonly string[] }) {
  const t = useTranslations('storage');
  const [state, action, pending] = useActionState(saveStorageSettingsAction, initialActionState);
  const errors = state.fieldErrors ?? {};
  const value = (name: keyof StorageSettings) => state.values?.[name] ?? String(settings[name]);
  const policy = state.values?.deletePolicy ?? settings.deletePolicy;
  const runsHere = state.values ? state.values.storageRunsHere === 'on' : settings.storageRunsHere;
  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="storage-settings-title">
      <h2 id="storage-settings-title" className="text-lg font-semibold">{t('settingsTitle')}</h2>
      <FormMessage state={state} />
      <fieldset className={fieldset}>
        <legend className={legend}>{t('maildirs')}</legend>
        <TextField name="mailBasePath" label={t('mailBasePath')} hint={t('mailBasePathHint')} defaultValue={value('mailBasePath')} errors={errors.mailBasePath} />
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField name="vmailUid" type="number" min={1} label={t('vmailUid')} defaultValue={value('vmailUid')} errors={errors.vmailUid} />
          <TextField name="vmailGid" type="number" min={1} label={t('vmailGid')} defaultValue={value('vmailGid')} errors={errors.vmailGid} />
          <TextField name="vmailUser" label={t('vmailUser')} defaultValue={value('vmailUser')} errors={errors.vmailUser} />
        </div>
        <fieldset aria-describedby="deletePolicy-error">
          <legend className="text-sm font-medium text-slate-800">{t('deletePolicy')}</legend>
          {(['archive', 'remove'] as const).map((p) => (
            <label key={p} className="mt-1 flex items-center gap-2 text-sm">
              <input type="radio" name="deletePolicy" value={p} defaultChecked={policy === p} className="h-4 w-4" />
              {t(`deletePolicy_${p}`)}
            </label>
          ))}
          <FieldError id="deletePolicy-error" errors={errors.deletePolicy} />
        </fieldset>
        <TextField name="archivePath" label={t('archivePath')} hint={t('archivePathHint')} defaultValue={value('archivePath')} errors={errors.archivePath} />
        <CheckboxField name="storageRunsHere" label={t('storageRunsHere')} hint={t('storageRunsHereHint')} defaultChecked={runsHere} errors={errors.storageRunsHere} />
      </fieldset>
      <fieldset className={fieldset}>
        <legend className={legend}>{t('passwords')}</legend>
        <div>
          <label htmlFor="passwordScheme" className="block text-sm font-medium text-slate-800">{t('passwordScheme')}</label>
          <select id="passwordScheme" name="passwordScheme" defaultValue={value('passwordScheme')} aria-describedby="passwordScheme-hint passwordScheme-error" className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm">
            {schemes.map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
          <p id="passwordScheme-hint" className="mt-1 text-xs text-slate-500">{t('passwordSchemeHint')}</p>
          <FieldError id="passwordScheme-error" errors={errors.passwordScheme} />
        </div>
      </fieldset>
      <fieldset className={fieldset}>
        <legend className={legend}>{t('mailDb')}</legend>
        <p className="text-xs text-slate-500">{t('mailDbHint')}</p>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField name="mailDbHost" label={t('mailDbHost')} defaultValue={value('mailDbHost')} errors={errors.mailDbHost} />
          <TextField name="mailDbPort" type="number" min={1} max={65535} label={t('mailDbPort')} defaultValue={value('mailDbPort')} errors={errors.mailDbPort} />
          <TextField name="mailDbUser" label={t('mailDbUser')} defaultValue={value('mailDbUser')} errors={errors.mailDbUser} />
        </div>
      </fieldset>
      <SubmitButton pending={pending}>{t('saveSettings')}</SubmitButton>
    </form>
  );
}
