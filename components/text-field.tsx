'use client';

import { FieldError } from './field-error';

/** A labelled input with its hint and its error, wired for screen readers. */
export function TextField({
  name,
  label,
  hint,
  errors,
  className = '',
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; hint?: string; errors?: string[] }) {
  const errorId = `${name}-error`;
  const hintId = hint ? `${name}-hint` : undefined;
  return (
    <div className={className}>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(' ')}
        className="mt-1 w-full rounded border border-slate-300 px-3 py-2 text-sm focus:border-blue-600 focus:outline-none aria-invalid:border-red-600"
        {...input}
      />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}

/** A labelled checkbox with its error. */
export function CheckboxField({ name, label, hint, errors, ...input }: React.InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; hint?: string; errors?: string[] }) {
  const errorId = `${name}-error`;
  return (
    <div>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input type="checkbox" id={name} name={name} aria-describedby={errorId} className="h-4 w-4" {...input} />
        {label}
      </label>
      {hint && <p className="ml-6 text-xs text-slate-500">{hint}</p>}
      <FieldError id={errorId} errors={errors} />
    </div>
  );
}
