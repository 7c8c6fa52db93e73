'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField, TextField } from '@/components/text-field';
import { initialActionState, type ActionState } from '@/lib/actions/action-state';

export interface DomainFormValues {
  domain: string;
  description: string;
  aliases: number;
  mailboxes: number;
  maxquota: number;
  quota: number;
  transport: string;
  backupmx: boolean;
  active: boolean;
}

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  initial: DomainFormValues;
  /** create mode shows the domain field and the default aliases */
  defaultAliasTargets?: Record<string, string>;
};

export function DomainForm({ action: serverAction, initial, defaultAliasTargets }: Props) {
  const t = useTranslations('domain');
  const [state, action, pending] = useActionState(serverAction, initialActionState);
  const v = (name: keyof DomainFormValues) => state.values?.[name] ?? String(initial[name]);
  const checked = (name: 'backupmx' | 'active') => (state.values ? state.values[name] === 'on' : initial[name]);
  const errors = state.fieldErrors ?? {};
  const isCreate = defaultAliasTargets !== undefined;

  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      {isCreate ? (
        <TextField name="domain" label={t('domain')} hint={t('domainHint')} required defaultValue={v('domain')} errors={errors.domain} autoComplete="off" />
      ) : (
        <input type="hidden" name="domain" value={initial.domain} />
      )}
      <TextField name="description" label={t('description')} defaultValue={v('description')} errors={errors.description} />
      <p className="text-xs text-slate-600" id="limits-convention">{t('limitsConvention')}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="mailboxes" type="number" min={-1} label={t('mailboxesLimit')} defaultValue={v('mailboxes')} errors={errors.mailboxes} />
        <TextField name="aliases" type="number" min={-1} label={t('aliasesLimit')} defaultValue={v('aliases')} errors={errors.aliases} />
        <TextField name="maxquota" type="number" min={-1} label={t('maxquota')} hint={t('mbHint')} defaultValue={v('maxquota')} errors={errors.maxquota} />
        <TextField name="quota" type="number" min={-1} label={t('domainQuota')} hint={t('mbHint')} defaultValue={v('quota')} errors={errors.quota} />
      </div>
      <TextField name="transport" label={t('transport')} hint={t('transportHint')} defaultValue={v('transport')} errors={errors.transport} spellCheck={false} />
      <CheckboxField name="backupmx" label={t('backupmxLabel')} hint={t('backupmxHint')} defaultChecked={checked('backupmx')} errors={errors.backupmx} />
      <CheckboxField name="active" label={t('active')} defaultChecked={checked('active')} errors={errors.active} />
      {isCreate && (
        <fieldset className="rounded border border-slate-200 p-4">
          <legend className="px-1 text-sm font-medium">{t('defaultAliases')}</legend>
          <CheckboxField name="addDefaultAliases" label={t('addDefaultAliases')} defaultChecked={state.values ? state.values.addDefaultAliases === 'on' : true} errors={errors.addDefaultAliases} />
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            {Object.entries(defaultAliasTargets).map(([name, target]) => (
              <TextField
                key={name}
                name={`target_${name}`}
                type="email"
                label={t('aliasTarget', { name })}
                defaultValue={state.values?.[`target_${name}`] ?? target}
                errors={errors[`target_${name}`]}
              />
            ))}
          </div>
        </fieldset>
      )}
      <SubmitButton pending={pending}>{isCreate ? t('create') : t('save')}</SubmitButton>
    </form>
  );
}
