import { getTranslations } from 'next-intl/server';
import { limitState } from '@/lib/domains/limits';

/**
 * "3 / 10", "3 / ∞" or "disabled" for a count against a PostfixAdmin limit (0 unlimited, -1 disabled);
 * "10000+ / ∞" when `isMore` says the count stopped at a cap.
 */
export async function UsageText({ used, limit, isMore = false }: { used: number; limit: number; isMore?: boolean }) {
  const t = await getTranslations('domain');
  const state = limitState(limit);
  const max = state === 'unlimited' ? '∞' : state === 'disabled' ? t('disabled') : String(limit);
  return <span className="tabular-nums">{state === 'disabled' && used === 0 ? max : `${used}${isMore ? '+' : ''} / ${max}`}</span>;
}
