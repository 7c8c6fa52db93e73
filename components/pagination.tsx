import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Previous/next links that keep the other query parameters. */
export async function Pagination({ page, pageCount, basePath, params }: { page: number; pageCount: number; basePath: string; params: Record<string, string | undefined> }) {
  const t = await getTranslations('common');
  if (pageCount <= 1) return null;
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `${basePath}?${q.toString()}`;
  };
  return (
    <nav aria-label={t('pagination')} className="mt-4 flex items-center gap-4 text-sm">
      {page > 1 ? <Link href={href(page - 1)} className="text-blue-700 hover:underline">{t('previous')}</Link> : <span className="text-slate-400">{t('previous')}</span>}
      <span>{t('pageOf', { page, pageCount })}</span>
      {page < pageCount ? <Link href={href(page + 1)} className="text-blue-700 hover:underline">{t('next')}</Link> : <span className="text-slate-400">{t('next')}</span>}
    </nav>
  );
}
