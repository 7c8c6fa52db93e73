import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, negotiateLocale } from './locales';
import { loadMessages } from './messages';

// No locale in the URL (an admin panel has no SEO to win): the cookie set by the language
// switcher wins, else the browser's Accept-Language.
export default getRequestConfig(async () => {
  const cookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(cookie) ? cookie : negotiateLocale((await headers()).get('accept-language'));
  return { locale, messages: await loadMessages(locale), timeZone: 'UTC' };
});
