import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { displayAddress } from '@/lib/aliases/display';
import { addressFromSegment } from '@/lib/aliases/route-segment';
import { requireAdminPage } from '@/lib/auth/session';
import { toUnicodeDomain } from '@/lib/domains/domain-name';
import { findForwardForActor, mailboxFromRoute } from '@/lib/forwards/queries';
import { ForwardForm } from './forward-form';

export const metadata = { title: 'Forwarding' };

export default async function ForwardPage({ params }: { params: Promise<{ domain: string; mailbox: string }> }) {
  const actor = await requireAdminPage();
  const { domain: domainParam, mailbox: mailboxParam } = await params;
  const domain = decodeURIComponent(domainParam).toLowerCase();
  // the segment may be the full address or the local part (decoded safely either way)
  const found = await findForwardForActor(actor, domain, mailboxFromRoute(domain, addressFromSegment(mailboxParam)));
  if (!found) notFound();
  const t = await getTranslations('forward');
  const shown = displayAddress(found.username);
  const { targets, keepCopy, vacation } = found.forward;
  const list = targets.map(displayAddress).join(', ');
  return (
    <>
      <Link href={`/domains/${encodeURIComponent(domain)}/mailboxes`} className="text-sm text-blue-700 hover:underline">← {t('back', { domain: toUnicodeDomain(domain) })}</Link>
      <h1 className="mt-2 text-2xl font-semibold">{t('title', { mailbox: shown })}</h1>
      <p className="mt-2 text-sm text-slate-600">{t('intro')}</p>
      <p className="mt-2 text-sm" data-testid="forward-current">
        <span className="font-medium">{t('current')}: </span>
        {targets.length === 0 ? t('currentNone') : keepCopy ? t('currentCopy', { targets: list }) : t('currentPure', { targets: list })}
      </p>
      {vacation.length > 0 && <p className="mt-1 text-sm text-slate-600">{t('vacationNote')}</p>}
      {!found.active && <p className="mt-1 text-sm text-red-700">{t('inactive')}</p>}
      <ForwardForm mailbox={found.username} targets={targets.map(displayAddress)} keepCopy={keepCopy} />
      <Link href={`/trace?address=${encodeURIComponent(found.username)}`} className="mt-4 inline-block rounded border border-slate-300 bg-white px-4 py-2 text-sm">{t('trace')}</Link>
    </>
  );
}
