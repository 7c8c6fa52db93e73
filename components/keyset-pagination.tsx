import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { FIRST_PAGE, LAST_PAGE, type CappedCount } from '@/lib/pagination/keyset';
import { listHref } from '@/lib/pagination/search-params';

/**
 * A long list's total in its own namespace: `count` ("12 aliases") or, when searching, `matches`;
 * past the cap `countMore` / `matchesMore` ("More than 10,000 aliases").
 */
export async function ListTotal({ total, namespace, isSearch }: { total: CappedCount; namespace: 'alias' | 'mailbox'; isSearch: boolean }) {
  const t = await getTranslations(namespace);
  const key = isSearch ? 'matches' : 'count';
  return <>{t(total.isMore ? `${key}More` : key, { count: total.count })}</>;
}

/**
 * First, Previous, Next and Last for a list read by key: `previous` and `next` are the cursors of
 * the neighbouring pages (null at either end, where the links are shown disabled). Keeps the search.
 */
export async function KeysetPagination({ basePath, q, previous, next }: { basePath: string; q: string; previous: string | null; next: string | null }) {
  const t = await getTranslations('common');
  if (previous === null && next === null) return null;
  const item = (label: string, href: string | null, rel?: 'prev' | 'next') =>
    href === null ? (
      <a role="link" aria-disabled="true" className="cursor-default text-slate-400">{label}</a>
    ) : (
      <Link href={href} rel={rel} className="text-blue-700 hover:underline">{label}</Link>
    );
  return (
    <nav aria-label={t('pagination')} className="mt-4 text-sm">
      <ul className="flex flex-wrap items-center gap-4">
        <li>{item(t('first'), previous === null ? null : listHref(basePath, q, FIRST_PAGE))}</li>
        <li>{item(t('previous'), previous === null ? null : listHref(basePath, q, { kind: 'before', key: previous }), 'prev')}</li>
        <li>{item(t('next'), next === null ? null : listHref(basePath, q, { kind: 'after', key: next }), 'next')}</li>
        <li>{item(t('last'), next === null ? null : listHref(basePath, q, LAST_PAGE))}</li>
      </ul>
    </nav>
  );
}
