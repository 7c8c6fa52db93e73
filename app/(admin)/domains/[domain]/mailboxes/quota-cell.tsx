import { getFormatter, getTranslations } from 'next-intl/server';
import { bytesToMib } from '@/lib/domains/limits';
import { quotaPercent } from '@/lib/mailboxes/quota';

/**
 * A mailbox's quota: used (Dovecot's quota2 row) against its limit, with a bar when it is limited.
 * Without a quota2 row yet (no mail delivered), the bar is empty and the text says so.
 */
export async function MailboxQuotaCell({ address, usedBytes, quotaBytes }: { address: string; usedBytes: bigint | null; quotaBytes: bigint }) {
  const t = await getTranslations('mailbox');
  const format = await getFormatter();
  const mib = (bytes: bigint) => format.number(bytesToMib(bytes), { maximumFractionDigits: 1 });
  const limited = quotaBytes > 0n;
  const text =
    usedBytes === null
      ? limited ? t('quotaNotReported', { limit: mib(quotaBytes) }) : t('quotaNotReportedUnlimited')
      : limited ? t('quotaUsed', { used: mib(usedBytes), limit: mib(quotaBytes) }) : t('quotaUsedUnlimited', { used: mib(usedBytes) });
  const pct = quotaPercent(usedBytes ?? 0n, quotaBytes);
  return (
    <div className="min-w-32">
      <span className="tabular-nums">{text}</span>
      {pct !== null && (
        <div className="mt-1 h-1.5 rounded bg-slate-200" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={t('quotaBar', { address })}>
          <div className={`h-1.5 rounded ${pct >= 90 ? 'bg-red-600' : 'bg-blue-600'}`} style={{ width: `${pct}%` }} />
        </div>
      )}
    </div>
  );
}
