import { getTranslations } from 'next-intl/server';
import { bytesToMb, limitState } from '@/lib/domains/limits';

/** A domain's quota: allocated MB against the domain limit (PostfixAdmin MB; 0 = unlimited, -1 = disabled). */
export async function QuotaCell({ allocatedBytes, quotaMb }: { allocatedBytes: bigint; quotaMb: number }) {
  const t = await getTranslations('domain');
  const allocated = bytesToMb(allocatedBytes);
  const state = limitState(quotaMb);
  if (state === 'disabled') return <span className="text-slate-500">{t('disabled')}</span>;
  if (state === 'unlimited') return <span className="tabular-nums">{t('quotaUnlimited', { allocated })}</span>;
  const pct = Math.min(100, Math.round((allocated / quotaMb) * 100));
  return (
    <div className="min-w-32">
      <span className="tabular-nums">{t('quotaOf', { allocated, quota: quotaMb })}</span>
      <div className="mt-1 h-1.5 rounded bg-slate-200" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100} aria-label={t('quota')}>
        <div className={`h-1.5 rounded ${pct >= 90 ? 'bg-red-600' : 'bg-blue-600'}`} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A quota limit in PostfixAdmin MB as text: "10240 MB", "unlimited" or "disabled". */
export async function QuotaLimit({ mb }: { mb: number }) {
  const t = await getTranslations('domain');
  const state = limitState(mb);
  return <>{state === 'unlimited' ? t('unlimited') : state === 'disabled' ? t('disabled') : `${mb} MB`}</>;
}
