import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { LanguageSwitcher } from '@/components/language-switcher';
import { getMigrationStatus, type MigrationStatus } from '@/lib/db/migrate';
import { getEnv } from '@/lib/env';
import { isSetupComplete } from '@/lib/setup/state';
import { hasWizardSession } from '@/lib/setup/wizard-session';
import { MigrateForm } from './migrate-form';
import { SuperadminForm } from './superadmin-form';
import { TokenForm } from './token-form';

export const metadata = { title: 'Setup' };
export const dynamic = 'force-dynamic';

async function readDatabaseState(): Promise<{ ok: true; status: MigrationStatus } | { ok: false }> {
  try {
    return { ok: true, status: await getMigrationStatus(getEnv().DATABASE_URL) };
  } catch {
    return { ok: false };
  }
}

export default async function SetupPage() {
  // Once a superadmin exists the wizard is gone for good.
  if (await isSetupComplete()) notFound();
  const t = await getTranslations('setup');
  const unlocked = await hasWizardSession();
  const db = unlocked ? await readDatabaseState() : null;
  const upToDate = db?.ok === true && db.status.pending.length === 0 && db.status.failed.length === 0;

  return (
    <main className="mx-auto max-w-xl p-6 sm:p-10">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{t('title')}</h1>
        <LanguageSwitcher />
      </div>
      <p className="mt-2 text-sm text-slate-600">{t('intro')}</p>

      {!unlocked && (
        <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
          <h2 className="text-lg font-medium">{t('tokenStep')}</h2>
          <p className="mt-2 text-sm text-slate-700">{t('tokenWhere')}</p>
          <pre className="mt-2 overflow-x-auto rounded bg-slate-100 p-2 text-xs">npm run mailroom -- setup-token</pre>
          <TokenForm />
        </section>
      )}

      {unlocked && db && (
        <>
          <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="db-step">
            <h2 id="db-step" className="text-lg font-medium">{t('databaseStep')}</h2>
            {!db.ok ? (
              <p role="alert" className="mt-2 text-sm text-red-700">{t('databaseUnreachable')}</p>
            ) : (
              <>
                <p className="mt-2 text-sm text-green-800">{t('databaseConnected')}</p>
                <p className="mt-1 text-sm text-slate-700" data-testid="migration-status">
                  {t('migrationCounts', { applied: db.status.applied.length, pending: db.status.pending.length })}
                </p>
                {db.status.failed.length > 0 && <p role="alert" className="mt-1 text-sm text-red-700">{t('migrationFailedEarlier', { name: db.status.failed[0] ?? '' })}</p>}
                {!upToDate && <MigrateForm />}
              </>
            )}
          </section>
          <section className="mt-6 rounded-lg border border-slate-200 bg-white p-6" aria-labelledby="admin-step">
            <h2 id="admin-step" className="text-lg font-medium">{t('superadminStep')}</h2>
            {upToDate ? <SuperadminForm /> : <p className="mt-2 text-sm text-slate-600">{t('superadminAfterMigrations')}</p>}
          </section>
        </>
      )}
    </main>
  );
}
