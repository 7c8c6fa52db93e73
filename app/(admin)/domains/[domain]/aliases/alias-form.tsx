'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { DestinationsField } from '@/components/destinations-field';
import { FieldError, FormMessage } from '@/components/field-error';
import { SubmitButton } from '@/components/submit-button';
import { CheckboxField, TextField } from '@/components/text-field';
import { initialActionState } from '@/lib/actions/action-state';
import { createAliasAction, updateAliasAction } from '@/lib/aliases/actions';

type Props = { mode: 'create'; domain: string; unicodeDomain: string } | { mode: 'edit'; address: string; destinations: string[]; active: boolean };

/** Creates an alias (an address or the catch-all) or edits one's destinations and state. */
export function AliasForm(props: Props) {
  const t = useTranslations('alias');
  const [state, action, pending] = useActionState(props.mode === 'create' ? createAliasAction : updateAliasAction, initialActionState);
  const values = state.values;
  const [kind, setKind] = useState(values?.kind ?? 'address');
  const errors = state.fieldErrors ?? {};
  const goto = values?.goto ?? (props.mode === 'edit' ? props.destinations.join('\n') : '');
  const active = values ? values.active === 'on' : props.mode === 'edit' ? props.active : true;

  return (
    <form action={action} noValidate className="mt-4 max-w-2xl space-y-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormMessage state={state} />
      {props.mode === 'create' ? (
        <>
          <input type="hidden" name="domain" value={props.domain} />
          <fieldset>
            <legend className="text-sm font-medium text-slate-800">{t('kind')}</legend>
            <div className="mt-2 space-y-2 text-sm">
              <label className="flex items-center gap-2">
                <input type="radio" name="kind" value="address" checked={kind === 'address'} onChange={() => setKind('address')} />
                {t('kindAddress')}
              </label>
              <label className="flex items-center gap-2">
                <input type="radio" name="kind" value="catchall" checked={kind === 'catchall'} onChange={() => setKind('catchall')} />
                {t('kindCatchAll', { domain: props.unicodeDomain })}
              </label>
            </div>
          </fieldset>
          {kind === 'address' ? (
            <TextField
              name="localPart"
              label={t('localPart')}
              hint={`${t('localPartHint')} …@${props.unicodeDomain}`}
              defaultValue={values?.localPart ?? ''}
              errors={errors.localPart}
              autoComplete="off"
              spellCheck={false}
            />
          ) : (
            <div>
              <p className="text-sm text-slate-600">{t('kindCatchAllHint', { domain: props.unicodeDomain })}</p>
              <FieldError id="localPart-error" errors={errors.localPart} />
            </div>
          )}
        </>
      ) : (
        <input type="hidden" name="address" value={props.address} />
      )}
      <DestinationsField name="goto" label={t('goto')} hint={t('gotoHint')} defaultValue={goto} errors={errors.goto} />
      <CheckboxField name="active" label={t('activeLabel')} defaultChecked={active} errors={errors.active} />
      <SubmitButton pending={pending}>{props.mode === 'create' ? t('create') : t('save')}</SubmitButton>
    </form>
  );
}
