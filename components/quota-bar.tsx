import { quotaLevel, usagePercent } from '@/lib/mail/cyrus/quota-level';

const COLORS = { ok: 'bg-blue-600', warn: 'bg-amber-500', full: 'bg-red-600' } as const;

/**
 * A usage bar (any unit): blue, amber from the warning level, red at the limit. `label` names it for
 * screen readers ("Quota of bob@example.org"); nothing is drawn without a limit.
 */
export function QuotaBar({ used, limit, warnPercent, label }: { used: number; limit: number | null; warnPercent: number; label: string }) {
  const percent = usagePercent(used, limit);
  if (percent === null || limit === null) return null;
  const level = quotaLevel(used, limit, warnPercent);
  return (
    <div className="mt-1 h-1.5 rounded bg-slate-200" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label={label} data-level={level}>
      <div className={`h-1.5 rounded ${COLORS[level]}`} style={{ width: `${percent}%` }} />
    </div>
  );
}
