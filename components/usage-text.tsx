import { getTranslations } from 'next-intl/server';
import { limitState } from '@/lib/domains/limits';

/** "3 / 10", "3 / ∞" or "disabled" for a count against a PostfixAdmin limit (0 unlimited, -1 disabled). */
export async function UsageText({ used, limit }: { used: number; limit: number }) {
  const t = await getTranslations('domain');
  const state = limitState(limit);
  const max = state === 'unlimited' ? '∞' : state === 'disabled' ? t('disabled') : String(limit);
  return <span className="tabular-nums">{state === 'disabled' && used === 0 ? max : `${used} / ${max}`}</span>;
}
