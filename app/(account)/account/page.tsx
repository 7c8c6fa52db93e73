import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/language-switcher';
import { LogoutButton } from '@/components/logout-button';
import { requireMailboxOwnerPage } from '@/lib/auth/session';
import { bytesToMib } from '@/lib/domains/limits';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { requireSetupComplete } from '@/lib/setup/state';

export const metadata = { title: 'My mailbox' };

/** A mailbox owner's landing page: who is logged in and their quota (self-service comes later). */
export default async function AccountPage() {
  await requireSetupComplete();
  const owner = await requireMailboxOwnerPage();
  const t = await getTranslations('account');
  const [localPart] = owner.username.split('@');
  const address = `${localPart}@${toUnicodeDomain(owner.domain)}`;
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-3xl items-center gap-6 px-4 py-3">
          <span className="font-semibold">Mailroom</span>
          <div className="ml-auto flex items-center gap-4">
            <span className="text-xs text-slate-400" data-testid="current-owner">{owner.username}</span>
            <div className="rounded bg-white/90"><LanguageSwitcher /></div>
            <LogoutButton label={t('logout')} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-3xl px-4 py-6">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <dl className="mt-4 grid max-w-xl grid-cols-[10rem_1fr] gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm">
          <dt className="text-slate-600">{t('address')}</dt>
          <dd data-testid="account-address">{address}</dd>
          {owner.name && (
            <>
              <dt className="text-slate-600">{t('name')}</dt>
              <dd>{owner.name}</dd>
            </>
          )}
          <dt className="text-slate-600">{t('quota')}</dt>
          <dd data-testid="account-quota">{owner.quota > 0n ? t('quotaMib', { mib: Math.round(bytesToMib(owner.quota) * 100) / 100 }) : t('unlimited')}</dd>
        </dl>
      </main>
    </div>
  );
}
