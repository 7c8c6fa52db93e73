'use client';

import { useFormStatus } from 'react-dom';

/** A form's submit button, disabled while the server action runs. */
export function SubmitButton({ children, variant = 'primary', pending: pendingProp, ...rest }: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'primary' | 'danger' | 'secondary'; pending?: boolean }) {
  const status = useFormStatus();
  const pending = pendingProp ?? status.pending;
  const colors = {
    primary: 'bg-blue-700 text-white hover:bg-blue-800',
    danger: 'bg-red-700 text-white hover:bg-red-800',
    secondary: 'border border-slate-300 bg-white text-slate-800 hover:bg-slate-50',
  }[variant];
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={`rounded px-4 py-2 text-sm font-medium disabled:opacity-60 ${colors}`} {...rest}>
      {children}
    </button>
  );
}
