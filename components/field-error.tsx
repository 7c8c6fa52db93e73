'use client';

import { useTranslations } from 'next-intl';

/** The error under a field; `id` is what the input's aria-describedby points at. Messages are i18n keys. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  const t = useTranslations();
  return (
    <p id={id} aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
      {errors?.map((key) => (t.has(key) ? t(key) : t('errors.invalid'))).join(' ')}
    </p>
  );
}

/** The form-level message (success or failure) after an action. */
export function FormMessage({ state }: { state: { ok?: boolean; message?: string } }) {
  const t = useTranslations();
  if (!state.message) return <p aria-live="polite" className="sr-only" />;
  const text = t.has(state.message) ? t(state.message) : t('errors.unexpected');
  return (
    <p role={state.ok ? 'status' : 'alert'} aria-live="polite" className={`rounded px-3 py-2 text-sm ${state.ok ? 'bg-green-50 text-green-800' : 'bg-red-50 text-red-800'}`}>
      {text}
    </p>
  );
}
