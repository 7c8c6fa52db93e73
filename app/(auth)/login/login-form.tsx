'use client';

import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { SubmitButton } from '@/components/submit-button';
import { TextField } from '@/components/text-field';

export function LoginForm() {
  const t = useTranslations('login');
  const router = useRouter();
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();

  function submit(formData: FormData) {
    startTransition(async () => {
      const result = await signIn('credentials', {
        username: String(formData.get('username') ?? ''),
        password: String(formData.get('password') ?? ''),
        redirect: false,
      });
      if (result?.ok && !result.error) {
        router.refresh(); // the login page, now rendered with the session, redirects by its kind
      } else {
        setFailed(true); // one neutral message: never say which part was wrong
      }
    });
  }

  return (
    <form action={submit} className="mt-6 space-y-3 rounded-lg border border-slate-200 bg-white p-6">
      <p id="login-error" role="alert" aria-live="assertive" className="min-h-5 text-sm text-red-700">
        {failed ? t('failed') : ''}
      </p>
      <TextField name="username" type="email" label={t('email')} autoComplete="username" required aria-describedby="login-error" />
      <TextField name="password" type="password" label={t('password')} autoComplete="current-password" required />
      <SubmitButton pending={pending}>{t('submit')}</SubmitButton>
    </form>
  );
}
