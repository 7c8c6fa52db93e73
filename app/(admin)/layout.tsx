import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/language-switcher';
import { LogoutButton } from '@/components/logout-button';
import { requireAdminPage } from '@/lib/auth/session';
import { requireSetupComplete } from '@/lib/setup/state';

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireSetupComplete();
  const actor = await requireAdminPage();
  const t = await getTranslations('nav');
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl items-center gap-6 px-4 py-3">
          <Link href="/domains" className="font-semibold">Mailroom</Link>
          <nav className="flex gap-4 text-sm text-slate-300">
            <Link href="/domains" className="hover:text-white">{t('domains')}</Link>
            <Link href="/trace" className="hover:text-white">{t('trace')}</Link>
            {actor.isSuperadmin && <Link href="/admins" className="hover:text-white">{t('admins')}</Link>}
            {actor.isSuperadmin && <Link href="/settings" className="hover:text-white">{t('settings')}</Link>}
            {actor.isSuperadmin && <Link href="/log" className="hover:text-white">{t('log')}</Link>}
            {actor.isSuperadmin && <Link href="/cyrus" className="hover:text-white">{t('cyrus')}</Link>}
            {actor.isSuperadmin && <Link href="/import" className="hover:text-white">{t('import')}</Link>}
            <Link href="/profile/password" className="hover:text-white">{t('profile')}</Link>
          </nav>
          <div className="ml-auto flex items-center gap-4">
            <span className="text-xs text-slate-400" data-testid="current-admin">{actor.username}</span>
            <div className="rounded bg-white/90"><LanguageSwitcher /></div>
            <LogoutButton label={t('logout')} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
