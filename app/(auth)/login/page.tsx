import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/language-switcher';
import { getActor, getMailboxOwner } from '@/lib/auth/session';
import { requireSetupComplete } from '@/lib/setup/state';
import { LoginForm } from './login-form';

export const metadata = { title: 'Login' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ setup?: string; expired?: string }> }) {
  await requireSetupComplete();
  // a logged-in visitor goes where their kind of session belongs (the form relies on it after login)
  if (await getActor()) redirect('/domains');
  if (await getMailboxOwner()) redirect('/account');
  const t = await getTranslations('login');
  const { setup, expired } = await searchParams;
  return (
    <main className="mx-auto mt-16 max-w-sm p-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Mailroom</h1>
        <LanguageSwitcher />
      </div>
      {setup === 'done' && <p role="status" className="mt-4 rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t('setupDone')}</p>}
      {expired === '1' && <p role="status" className="mt-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">{t('expired')}</p>}
      <LoginForm />
    </main>
  );
}
