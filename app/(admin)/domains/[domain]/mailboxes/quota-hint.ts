import { getTranslations } from 'next-intl/server';
import { formatQuotaMib, type QuotaRoom } from '@/lib/mailboxes/quota';

/** The quota field's hint: the domain's limits in exact MiB (what can be typed back as is). */
export async function quotaHintText(room: QuotaRoom): Promise<string> {
  const t = await getTranslations('mailbox');
  if (room.disabled) return t('quotaHintDisabled');
  const parts: string[] = [];
  if (room.maxBytes !== null) parts.push(t('quotaHintMax', { max: formatQuotaMib(room.maxBytes) }));
  if (room.totalBytes !== null) parts.push(t('quotaHintDomain', { free: formatQuotaMib(room.freeBytes ?? 0n), total: formatQuotaMib(room.totalBytes) }));
  if (room.unlimitedAllowed) parts.push(t('quotaHintUnlimited'));
  return parts.join(' ');
}
