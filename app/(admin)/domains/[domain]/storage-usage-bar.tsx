import { getFormatter, getTranslations } from 'next-intl/server';
import { QUOTA_MULTIPLIER } from '@/lib/domains/limits';

/**
 * What a domain's mailboxes hold (quota2) against the domain quota, with what is allocated to them:
 * one bar, dark for the bytes in use, light for the rest of the allocation. Without a domain quota
 * the allocation is the scale; with neither, text only. Sizes in PostfixAdmin MB (1,024,000 bytes).
 */
export async function StorageUsageBar({ domain, usedBytes, allocatedBytes, quotaMb }: { domain: string; usedBytes: bigint; allocatedBytes: bigint; quotaMb: number }) {
  const t = await getTranslations('storage');
  const format = await getFormatter();
  const mb = (bytes: bigint) => format.number(Number(bytes) / QUOTA_MULTIPLIER, { maximumFractionDigits: 1 });
  const limited = quotaMb > 0;
  const scale = limited ? BigInt(quotaMb) * BigInt(QUOTA_MULTIPLIER) : allocatedBytes;
  const pct = (bytes: bigint) => (scale > 0n ? Number(((bytes > scale ? scale : bytes) * 100n) / scale) : 0);
  const text = limited
    ? t('domainUsage', { used: mb(usedBytes), quota: format.number(quotaMb), allocated: mb(allocatedBytes) })
    : t('domainUsageUnlimited', { used: mb(usedBytes), allocated: mb(allocatedBytes) });
  return (
    <div className="min-w-32" data-testid="domain-storage-usage">
      <span className="tabular-nums">{text}</span>
      {scale > 0n && (
        <div className="relative mt-1 h-1.5 rounded bg-slate-200" role="progressbar" aria-valuenow={pct(usedBytes)} aria-valuemin={0} aria-valuemax={100} aria-label={t('domainUsageBar', { domain })}>
          <div className="absolute h-1.5 rounded bg-blue-200" style={{ width: `${pct(allocatedBytes)}%` }} />
          <div className={`absolute h-1.5 rounded ${pct(usedBytes) >= 90 ? 'bg-red-600' : 'bg-blue-600'}`} style={{ width: `${pct(usedBytes)}%` }} />
        </div>
      )}
    </div>
  );
}
