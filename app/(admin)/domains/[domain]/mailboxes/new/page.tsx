import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { requireAdminPage } from '@/lib/auth/session';
import { getDb } from '@/lib/db/client';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findDomainForActor } from '@/lib/domains/queries';
import { decodeRouteParam } from '@/lib/mailboxes/address';
import { getAllocatedQuota } from '@/lib/mailboxes/queries';
import { formatQuotaMib, quotaRoom } from '@/lib/mailboxes/quota';
import { getSettings } from '@/lib/settings/settings';
import { DomainState } from '../domain-state';
import { NewMailboxForm } from '../mailbox-form';
import { quotaHintText } from '../quota-hint';

export const metadata = { title: 'New mailbox' };

export default async function NewMailboxPage({ params }: { params: Promise<{ domain: string }> }) {
  const actor = await requireAdminPage();
  const domain = await findDomainForActor(actor, decodeRouteParam((await params).domain));
  if (!domain) notFound();
  const t = await getTranslations('mailbox');
  const { passwordMinLength } = await getSettings(getDb());
  const room = quotaRoom({ maxquotaMb: domain.maxquota, quotaMb: domain.quota, allocatedBytes: await getAllocatedQuota(actor, domain.domain) });
  const unicode = toUnicodeDomain(domain.domain);
  return (
    <>
      <Link href={`/domains/${encodeURIComponent(domain.domain)}/mailboxes`} className="text-sm text-blue-700 hover:underline">← {t('listTitle', { domain: unicode })}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('newTitle', { domain: unicode })}</h1>
      <DomainState active={domain.active} />
      <NewMailboxForm
        domain={domain.domain}
        domainLabel={unicode}
        initialQuota={formatQuotaMib(room.suggestedBytes)}
        passwordMinLength={passwordMinLength}
        quotaHint={await quotaHintText(room)}
      />
    </>
  );
}
