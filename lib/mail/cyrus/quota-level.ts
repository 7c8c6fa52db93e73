// A quota bar's fill and colour from usage and limit (any unit), web-cyradm style: a warning from
// `warnPercent` (its warnlevel, 90 % by default), full at the limit.

export type QuotaLevel = 'ok' | 'warn' | 'full';

/** Share of the limit in use, 0..100 (rounded down, capped), or null without a limit. */
export function usagePercent(used: number, limit: number | null): number | null {
  if (limit === null || limit <= 0) return null;
  return Math.min(100, Math.max(0, Math.floor((used * 100) / limit)));
}

export function quotaLevel(used: number, limit: number, warnPercent: number): QuotaLevel {
  if (used >= limit) return 'full';
  return used * 100 >= limit * warnPercent ? 'warn' : 'ok';
}
