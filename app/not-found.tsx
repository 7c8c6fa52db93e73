import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('errors');
  return (
    <main className="mx-auto max-w-lg p-10 text-center">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-2 text-slate-600">{t('notFound')}</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 hover:underline">{t('home')}</Link>
    </main>
  );
}
