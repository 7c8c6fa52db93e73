'use client';

import { useTranslations } from 'next-intl';

// Unexpected failures land here; the person sees a plain message, never the exception text.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">{t('unexpectedTitle')}</h1>
      <p className="mt-2 text-slate-600">{t('unexpected')}</p>
      <button type="button" onClick={reset} className="mt-6 rounded bg-blue-700 px-4 py-2 text-sm text-white">{t('retry')}</button>
    </main>
  );
}
