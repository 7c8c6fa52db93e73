'use client';

import { signOut } from 'next-auth/react';

export function LogoutButton({ label }: { label: string }) {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: '/login' })} className="text-sm text-slate-300 hover:text-white">
      {label}
    </button>
  );
}
