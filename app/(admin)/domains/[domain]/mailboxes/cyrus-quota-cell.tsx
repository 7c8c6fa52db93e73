import { getFormatter, getTranslations } from 'next-intl/server';
import { QuotaBar } from '@/components/quota-bar';
import type { CyrusQuotaUsage } from '@/lib/mail/cyrus/queries';

/**
 * A Cyrus-backed mailbox's quota as Cyrus enforces it (GETQUOTAROOT): used of limit, with a bar. A
 * mailbox Cyrus does not have says whether its creation job is still to run or has failed.
 */
export async function CyrusQuotaCell({ address, cyrus }: { address: string; cyrus: CyrusQuotaUsage }) {
  const t = await getTranslations('cyrus');
  const format = await getFormatter();
  if (!cyrus.usage) return <span className="text-amber-700">{t('quotaCell.unavailable')}</span>;
  const usage = cyrus.usage.get(address);
  if (!usage) {
    const creation = cyrus.creating.get(address.toLowerCase());
    const text = creation === 'pending' ? t('quotaCell.creating') : creation === 'failed' ? t('quotaCell.createFailed') : t('quotaCell.missing');
    return <span className={creation === 'failed' ? 'text-red-700' : 'text-amber-700'} data-testid={`cyrus-quota-${address}`}>{text}</span>;
  }
  const mib = (kib: number) => format.number(kib / 1024, { maximumFractionDigits: 1 });
  const used = usage.usedKib ?? 0;
  return (
    <div className="min-w-32" data-testid={`cyrus-quota-${address}`}>
      <span className="tabular-nums">{usage.limitKib === null ? t('quotaCell.usedUnlimited') : t('quotaCell.used', { used: mib(used), limit: mib(usage.limitKib) })}</span>
      <QuotaBar used={used} limit={usage.limitKib} warnPercent={cyrus.warnPercent} label={t('quotaCell.bar', { address })} />
    </div>
  );
}
