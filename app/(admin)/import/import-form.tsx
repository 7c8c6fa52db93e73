'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField, TextField } from '@/components/text-field';
import { webCyradmImportAction, type ImportState } from '@/lib/import/web-cyradm/actions';
import { PASSWORD_MODES } from '@/lib/import/web-cyradm/types';
import { ImportReport } from './import-report';

const initial: ImportState = {};

/**
 * The source and options, then a dry run, then the import. The fields are controlled so they keep
 * their values across both steps (the password stays in this page only, never sent back).
 */
export function ImportForm() {
  const t = useTranslations('import');
  const [state, action, pending] = useActionState(webCyradmImportAction, initial);
  const [sourceUrl, setSourceUrl] = useState('');
  const [sourcePassword, setSourcePassword] = useState('');
  const [scheme, setScheme] = useState<string>('auto');
  const [adminDomain, setAdminDomain] = useState('');
  const [cyrusQuotas, setCyrusQuotas] = useState(false);
  const errors = state.fieldErrors ?? {};
  const canImport = state.report?.dryRun === true;
  return (
    <>
      <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
        <FormMessage state={state} />
        <TextField name="sourceUrl" label={t('url')} hint={t('urlHint')} value={sourceUrl} onChange={(e) => setSourceUrl(e.target.value)} errors={errors.sourceUrl} autoComplete="off" spellCheck={false} placeholder="mysql://webcyradm@db.example.org:3306/mail" />
        <TextField name="sourcePassword" type="password" label={t('password')} hint={t('passwordHint')} value={sourcePassword} onChange={(e) => setSourcePassword(e.target.value)} errors={errors.sourcePassword} autoComplete="off" />
        <div>
          <label htmlFor="scheme" className="block text-sm font-medium text-slate-800">{t('passwords')}</label>
          <select id="scheme" name="scheme" value={scheme} onChange={(e) => setScheme(e.target.value)} aria-describedby="scheme-hint scheme-error" className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm">
            {PASSWORD_MODES.map((m) => <option key={m} value={m}>{t(`modes.${m}`)}</option>)}
          </select>
          <p id="scheme-hint" className="mt-1 text-xs text-slate-500">{t('passwordsHint')}</p>
          <FieldError id="scheme-error" errors={errors.scheme} />
        </div>
        <TextField name="adminDomain" label={t('adminDomain')} hint={t('adminDomainHint')} value={adminDomain} onChange={(e) => setAdminDomain(e.target.value)} errors={errors.adminDomain} autoComplete="off" spellCheck={false} />
        <CheckboxField name="cyrusQuotas" label={t('cyrusQuotas')} hint={t('cyrusQuotasHint')} checked={cyrusQuotas} onChange={(e) => setCyrusQuotas(e.target.checked)} errors={errors.cyrusQuotas} />
        <div className="flex gap-3">
          <SubmitButton name="intent" value="dryRun" variant={canImport ? 'secondary' : 'primary'} pending={pending}>{t('dryRun')}</SubmitButton>
          {canImport && <SubmitButton name="intent" value="import" pending={pending}>{t('import')}</SubmitButton>}
        </div>
      </form>
      {state.report && <ImportReport report={state.report} />}
    </>
  );
}
