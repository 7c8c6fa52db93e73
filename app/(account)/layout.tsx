import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/language-switcher';
import { LogoutButton } from '@/components/logout-button';
import { requireMailboxOwnerPage } from '@/lib/auth/session';
import { requireSetupComplete } from '@/lib/setup/state';

/** A mailbox owner's pages: their own mailbox only; admins go to the panel, anyone else to the login. */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  await requireSetupComplete();
  const owner = await requireMailboxOwnerPage();
  const t = await getTranslations('account');
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-3xl flex-wrap items-center gap-6 px-4 py-3">
          <Link href="/account" className="font-semibold">Mailroom</Link>
          <nav className="flex gap-4 text-sm text-slate-300">
            <Link href="/account" className="hover:text-white">{t('menu.overview')}</Link>
            <Link href="/account/password" className="hover:text-white">{t('menu.password')}</Link>
            <Link href="/account/forward" className="hover:text-white">{t('menu.forward')}</Link>
            <Link href="/account/vacation" className="hover:text-white">{t('menu.vacation')}</Link>
          </nav>
          <div className="ml-auto flex items-center gap-4">
            <span className="text-xs text-slate-400" data-testid="current-owner">{owner.username}</span>
            <div className="rounded bg-white/90"><LanguageSwitcher /></div>
            <LogoutButton label={t('logout')} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-6">{children}</main>
    </div>
  );
}
