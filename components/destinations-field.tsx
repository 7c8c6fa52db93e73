'use client';

import { useTranslations } from 'next-intl';
import { parseFieldMessage } from '@/lib/aliases/field-message';

/**
 * Errors whose messages carry values (a line number, the addresses at fault), built with
 * fieldMessage(); a `reason` value that is itself a message key is translated too.
 */
export function ParamErrors({ id, errors }: { id: string; errors?: string[] }) {
  const t = useTranslations();
  const text = (message: string) => {
    const { key, params } = parseFieldMessage(message);
    if (!t.has(key)) return t('errors.invalid');
    const values = { ...params };
    if (typeof values.reason === 'string' && t.has(values.reason)) values.reason = t(values.reason);
    return t(key, values);
  };
  return (
    <div id={id} aria-live="polite" className="mt-1 min-h-5 text-sm text-red-700">
      {errors?.map((message, i) => (
        <p key={i}>{text(message)}</p>
      ))}
    </div>
  );
}

/** A labelled textarea of addresses, one per line, with its hint and its per-line errors. */
export function DestinationsField({
  name,
  label,
  hint,
  errors,
  ...textarea
}: React.TextareaHTMLAttributes<HTMLTextAreaElement> & { name: string; label: string; hint?: string; errors?: string[] }) {
  const errorId = `${name}-error`;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        rows={5}
        spellCheck={false}
        autoCapitalize="off"
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2 font-mono text-sm focus:border-blue-600 focus:outline-none aria-invalid:border-red-600"
        {...textarea}
      />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <ParamErrors id={errorId} errors={errors} />
    </div>
  );
}
