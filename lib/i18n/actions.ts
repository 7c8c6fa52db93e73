'use server';

import { cookies } from 'next/headers';
import { isLocale, LOCALE_COOKIE } from './locales';

/** Switches the interface language (open to everyone, including the login page). */
export async function setLocaleAction(formData: FormData): Promise<void> {
  const locale = formData.get('locale');
  if (!isLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: '/', sameSite: 'lax', maxAge: 365 * 24 * 3600 });
}
