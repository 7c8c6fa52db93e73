import { getTranslations } from 'next-intl/server';
import { requireSuperadminPage } from '@/lib/auth/session';
import { ImportForm } from './import-form';

export const metadata = { title: 'Import from web-cyradm' };

export default async function ImportPage() {
  await requireSuperadminPage();
  const t = await getTranslations('import');
  return (
    <>
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">{t('intro')}</p>
      <ImportForm />
    </>
  );
}
