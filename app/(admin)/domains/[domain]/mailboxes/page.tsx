import Link from 'next/link';
import { DataTable, Notice, SearchForm } from '@/components/data-table';
import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { KeysetPagination, ListTotal } from '@/components/keyset-pagination';
import { UsageText } from '@/components/usage-text';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';
import { decodeRouteParam, mailboxPath } from '@/lib/mailboxes/address';
import { listMailboxes } from '@/lib/mailboxes/queries';
import { findCyrusQuotaUsage } from '@/lib/mail/cyrus/queries';
import { cursorOf, flagParam, listQuerySchema } from '@/lib/pagination/search-params';
import { CyrusQuotaCell } from './cyrus-quota-cell';
import { DomainState } from './domain-state';
import { MailboxQuotaCell } from './quota-cell';

export const metadata = { title: 'Mailboxes' };

// `created=1` / `deleted=1`: the notice shown after a redirect from the form
const mailboxesQuerySchema = listQuerySchema.extend({ created: flagParam, deleted: flagParam });

export default async function MailboxesPage({ params, searchParams }: { params: Promise<{ domain: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdminPage();
  const domain = await findDomainForActor(actor, decodeRouteParam((await params).domain));
  if (!domain) notFound();
  const query = mailboxesQuerySchema.parse(await searchParams);
  const { q } = query;
  const isSearch = q.trim() !== '';
  const list = await listMailboxes(actor, domain.domain, { q, cursor: cursorOf(query) });
  if (!list) notFound();
  // Cyrus-backed domains: usage and limit as Cyrus enforces them (null for other domains)
  const cyrus = await findCyrusQuotaUsage(actor, domain.domain, list.rows.map((r) => r.username));
  const t = await getTranslations('mailbox');
  const format = await getFormatter();
  const unicode = toUnicodeDomain(domain.domain);
  const base = `/domains/${encodeURIComponent(domain.domain)}/mailboxes`;

  return (
    <>
      <Link href={`/domains/${encodeURIComponent(domain.domain)}`} className="text-sm text-blue-700 hover:underline">← {unicode}</Link>
      <div className="mt-2 flex flex-wrap items-center gap-4">
        <h1 className="text-2xl font-semibold">{t('listTitle', { domain: unicode })}</h1>
        <SearchForm q={q} label={t('searchLabel')} placeholder={t('searchPlaceholder')} button={t('search')} />
        <Link href={`${base}/new`} className="rounded bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">{t('new')}</Link>
      </div>
      <DomainState active={domain.active} />
      {query.created && <Notice>{t('created')}</Notice>}
      {query.deleted && <Notice>{t('deleted')}</Notice>}
      <p className="mt-2 text-sm text-slate-600" data-testid="mailbox-count">
        <ListTotal total={list.total} namespace="mailbox" isSearch={isSearch} />
        {!isSearch && (
          <>
            {' · '}{t('limit')} <UsageText used={list.total.count} isMore={list.total.isMore} limit={domain.mailboxes} />
          </>
        )}
      </p>
      <DataTable headers={[t('address'), t('name'), t('quota'), t('active'), t('modified')]} isEmpty={list.rows.length === 0} emptyText={q ? t('noMatch') : t('none')}>
          {list.rows.map((m) => (
              <tr key={m.username} className="border-t border-slate-100" data-testid={`mailbox-row-${m.username}`}>
                <td className="px-3 py-2">
                  <Link href={mailboxPath(m.username)} className="font-medium text-blue-700 hover:underline">{m.username}</Link>
                </td>
                <td className="px-3 py-2">{m.name}</td>
                <td className="px-3 py-2">{cyrus ? <CyrusQuotaCell address={m.username} cyrus={cyrus} /> : <MailboxQuotaCell address={m.username} usedBytes={m.usedBytes} quotaBytes={m.quota} />}</td>
                <td className="px-3 py-2">{m.active ? t('yes') : <span className="text-red-700">{t('no')}</span>}</td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">{format.dateTime(m.modified, { dateStyle: 'medium', timeStyle: 'short' })}</td>
              </tr>
            ))}
      </DataTable>
      <KeysetPagination basePath={base} q={q} previous={list.previous} next={list.next} />
    </>
  );
}
