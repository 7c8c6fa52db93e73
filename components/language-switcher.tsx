import { getLocale, getTranslations } from 'next-intl/server';
import { setLocaleAction } from '@/lib/i18n/actions';
import { LOCALES } from '@/lib/i18n/locales';

/** English/French switch; a plain form, so it works before any JavaScript loads. */
export async function LanguageSwitcher() {
  const locale = await getLocale();
  const t = await getTranslations('common');
  return (
    <form action={setLocaleAction} className="flex items-center gap-1 text-xs">
      <span className="sr-only">{t('language')}</span>
      {LOCALES.map((l) => (
        <button key={l} type="submit" name="locale" value={l} aria-pressed={l === locale} className={`rounded px-2 py-1 uppercase ${l === locale ? 'bg-slate-800 text-white' : 'text-slate-600 hover:bg-slate-200'}`}>
          {l}
        </button>
      ))}
    </form>
  );
}
