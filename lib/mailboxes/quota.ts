import { bytesToMib, mbToBytes, mibToBytes } from '@/lib/domains/limits';

// The mailbox form speaks MiB (1,048,576 bytes); mailbox.quota stores bytes (0 = unlimited).
// PostfixAdmin's own "MB" is 1,024,000 bytes, so a quota it wrote (10 MB = 10240000 bytes) shows
// as 9.765625 MiB: the form keeps every digit, so saving it unchanged gives back the same bytes.

/**
 * Largest quota the form accepts: 2^53 bytes (8 PiB). Below it every byte count is an exact
 * double, so bytes -> MiB text -> bytes is lossless.
 */
export const MAX_QUOTA_BYTES = 2n ** 53n;
export const MAX_QUOTA_MIB = Number(MAX_QUOTA_BYTES / 1_048_576n);

export type QuotaParseResult = { ok: true; bytes: bigint } | { ok: false; error: 'format' | 'too_large' };

/** Parses the form's MiB text ("512", "9.765625", "1,5"; 0 = unlimited) into bytes. */
export function parseQuotaMib(input: string): QuotaParseResult {
  const text = input.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(text)) return { ok: false, error: 'format' };
  const mib = Number(text);
  if (!Number.isFinite(mib) || mib > MAX_QUOTA_MIB) return { ok: false, error: 'too_large' };
  const bytes = mibToBytes(mib);
  if (bytes > MAX_QUOTA_BYTES) return { ok: false, error: 'too_large' };
  return { ok: true, bytes };
}

/** The form's MiB text for a stored byte quota, exact (never rounded), e.g. 10240000 -> "9.765625". */
export function formatQuotaMib(bytes: bigint): string {
  if (bytes <= 0n) return '0';
  // bytes / 2^20 is an exact double with at most 20 decimals: print them all, never in exponent form
  return bytesToMib(bytes).toFixed(20).replace(/\.?0+$/, '');
}

/** Share of a quota in use, 0..100 (rounded down), or null for an unlimited (0) quota. */
export function quotaPercent(usedBytes: bigint, quotaBytes: bigint): number | null {
  if (quotaBytes <= 0n) return null;
  const used = usedBytes < 0n ? 0n : usedBytes;
  const pct = (used * 100n) / quotaBytes;
  return Number(pct > 100n ? 100n : pct);
}

export interface QuotaRoom {
  /** quotas are disabled for the domain (maxquota -1): only 0 can be set */
  disabled: boolean;
  /** largest mailbox, bytes; null when not limited */
  maxBytes: bigint | null;
  /** whole-domain quota, bytes; null when not limited */
  totalBytes: bigint | null;
  /** what the domain quota leaves for this mailbox, bytes; null when not limited */
  freeBytes: bigint | null;
  /** whether 0 (unlimited) is accepted */
  unlimitedAllowed: boolean;
  /** a quota the form can start with that the limits accept (0 when nothing is limited) */
  suggestedBytes: bigint;
}

/**
 * What the domain's limits (PostfixAdmin MB; 0 unlimited, -1 disabled) leave for one mailbox, given
 * the other mailboxes' allocated bytes: the same rules as checkMailboxQuota, for the form's hint.
 */
export function quotaRoom(args: { maxquotaMb: bigint; quotaMb: bigint; allocatedBytes: bigint }): QuotaRoom {
  const disabled = args.maxquotaMb < 0n;
  const maxBytes = args.maxquotaMb > 0n ? mbToBytes(args.maxquotaMb) : null;
  const totalBytes = !disabled && args.quotaMb > 0n ? mbToBytes(args.quotaMb) : null;
  const freeBytes = totalBytes === null ? null : totalBytes > args.allocatedBytes ? totalBytes - args.allocatedBytes : 0n;
  const caps = [maxBytes, freeBytes].filter((b): b is bigint => b !== null);
  const suggestedBytes = disabled || caps.length === 0 ? 0n : caps.reduce((a, b) => (a < b ? a : b));
  return { disabled, maxBytes, totalBytes, freeBytes, unlimitedAllowed: !disabled && caps.length === 0, suggestedBytes };
}
