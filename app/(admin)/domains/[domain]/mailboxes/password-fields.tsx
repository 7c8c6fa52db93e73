'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { TextField } from '@/components/text-field';
import { generatePassword } from '@/lib/mailboxes/password-generator';

/**
 * Password and confirmation, with a generator (crypto.getRandomValues, in the browser) that fills
 * both and shows the password so it can be copied. The values stay in the browser after a refused
 * submit: the server never echoes passwords back.
 */
export function PasswordFields({ minLength, hint, errors, required }: { minLength: number; hint: string; errors: Partial<Record<string, string[]>>; required: boolean }) {
  const t = useTranslations('mailbox');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [visible, setVisible] = useState(false);
  const [generated, setGenerated] = useState(false);
  const type = visible ? 'text' : 'password';

  function generate() {
    const value = generatePassword(minLength);
    setPassword(value);
    setConfirm(value);
    setVisible(true);
    setGenerated(true);
  }

  return (
    <fieldset className="space-y-2">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="password" type={type} label={t('password')} hint={hint} required={required} autoComplete="new-password" spellCheck={false}
          value={password} onChange={(e) => { setPassword(e.target.value); setGenerated(false); }} errors={errors.password} />
        <TextField name="passwordConfirm" type={type} label={t('passwordConfirm')} required={required} autoComplete="new-password" spellCheck={false}
          value={confirm} onChange={(e) => setConfirm(e.target.value)} errors={errors.passwordConfirm} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={generate} className="rounded border border-slate-300 bg-white px-3 py-1.5 text-sm">{t('generate')}</button>
        <button type="button" onClick={() => setVisible((v) => !v)} aria-pressed={visible} className="text-sm text-blue-700 hover:underline">{visible ? t('hide') : t('show')}</button>
      </div>
      {generated && <p role="status" className="text-xs text-slate-600">{t('generated')}</p>}
    </fieldset>
  );
}
