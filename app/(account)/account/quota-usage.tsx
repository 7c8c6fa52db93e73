import { getFormatter, getTranslations } from 'next-intl/server';
import { bytesToMib } from '@/lib/domains/limits';
import { quotaPercent } from '@/lib/mailboxes/quota';

/** The owner's quota: Dovecot's usage (quota2) against mailbox.quota, with a bar when it is limited. */
export async function QuotaUsage({ usedBytes, messages, quotaBytes }: { usedBytes: bigint | null; messages: number; quotaBytes: bigint }) {
  const t = await getTranslations('account');
  const format = await getFormatter();
  const mib = (bytes: bigint) => format.number(bytesToMib(bytes), { maximumFractionDigits: 1 });
  const limited = quotaBytes > 0n;
  const used = usedBytes ?? 0n;
  const pct = quotaPercent(used, quotaBytes);
  return (
    <div className="max-w-sm">
      <span className="tabular-nums">{limited ? t('quotaUsed', { used: mib(used), limit: mib(quotaBytes), pct: pct ?? 0 }) : t('quotaUsedUnlimited', { used: mib(used) })}</span>
{' '}
      <span className="ml-1 text-slate-500">{t('messages', { count: messages })}</span>
      {pct !== null && (
        <div className="mt-1 h-2 rounded bg-slate-200" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={t('quotaBar')}>
          <div className={`h-2 rounded ${pct >= 90 ? 'bg-red-600' : 'bg-blue-600'}`} style={{ width: `${pct}%` }} />
        </div>
      )}
    </div>
  );
}
