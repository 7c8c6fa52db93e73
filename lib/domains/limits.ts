// PostfixAdmin's limit and quota conventions (see COMPAT.md): counts and domain quotas use
// 0 = unlimited and -1 = disabled; domain quotas are in PostfixAdmin "MB"; mailbox.quota is bytes.

/** PostfixAdmin's quota_multiplier: its "MB" is 1,024,000 bytes. */
export const QUOTA_MULTIPLIER = 1_024_000;
export const UNLIMITED = 0;
export const DISABLED = -1;

const MULTIPLIER = BigInt(QUOTA_MULTIPLIER);
const MIB = 1_048_576n;
// domain.aliases and domain.mailboxes are signed INT columns
const MAX_COUNT_LIMIT = 2_147_483_647;
const MAX_BIGINT_COLUMN = 9_223_372_036_854_775_807n;
// Largest MB value whose bytes still fit mailbox.quota (signed BIGINT).
const MAX_QUOTA_MB = Number(MAX_BIGINT_COLUMN / MULTIPLIER);

export type LimitState = 'unlimited' | 'disabled' | 'limited';

function assertInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${name} must be an integer, got ${value}`);
}

function assertCount(value: number, name: string): void {
  assertInteger(value, name);
  if (value < 0) throw new RangeError(`${name} must not be negative, got ${value}`);
}

/** State of a limit column; any negative value counts as disabled, as PostfixAdmin tests `< 0`. */
export function limitState(limit: number): LimitState {
  assertInteger(limit, 'limit');
  if (limit === UNLIMITED) return 'unlimited';
  return limit < 0 ? 'disabled' : 'limited';
}

function bigLimitState(limit: bigint): LimitState {
  if (limit === 0n) return 'unlimited';
  return limit < 0n ? 'disabled' : 'limited';
}

/** Whether `used + adding` items fit under a count limit (0 unlimited, -1 nothing allowed). */
export function fitsCountLimit(limit: number, used: number, adding = 1): boolean {
  assertCount(used, 'used');
  assertCount(adding, 'adding');
  switch (limitState(limit)) {
    case 'unlimited':
      return true;
    case 'disabled':
      // disabled acts as a cap of zero items
      return used + adding === 0;
    case 'limited':
      return used + adding <= limit;
  }
}

/** Remaining items, or null when unlimited. Never negative. */
export function remainingCount(limit: number, used: number): number | null {
  assertCount(used, 'used');
  switch (limitState(limit)) {
    case 'unlimited':
      return null;
    case 'disabled':
      return 0;
    case 'limited':
      return Math.max(0, limit - used);
  }
}

function sizeToBytes(size: number | bigint, unit: bigint, name: string): bigint {
  if (typeof size === 'bigint') {
    if (size < 0n) throw new RangeError(`${name} must not be negative, got ${size}`);
    return size * unit;
  }
  if (!Number.isFinite(size) || size < 0) throw new RangeError(`${name} must be a non-negative number, got ${size}`);
  if (Number.isInteger(size)) return BigInt(size) * unit;
  return BigInt(Math.round(size * Number(unit)));
}

function toBigBytes(bytes: number | bigint): bigint {
  if (typeof bytes === 'bigint') return bytes;
  if (!Number.isFinite(bytes)) throw new RangeError(`bytes must be finite, got ${bytes}`);
  return BigInt(Math.floor(bytes));
}

/** PostfixAdmin MB -> bytes. Negative values (the -1 marker) are refused: handle them before converting. */
export function mbToBytes(mb: number | bigint): bigint {
  return sizeToBytes(mb, MULTIPLIER, 'mb');
}

/** Bytes -> PostfixAdmin MB, rounded down. A negative value (PostfixAdmin's -1 "disabled") is returned as -1. */
export function bytesToMb(bytes: number | bigint): number {
  const big = toBigBytes(bytes);
  if (big < 0n) return DISABLED;
  return Number(big / MULTIPLIER);
}

/** Form MiB (1,048,576 bytes) -> bytes, for mailbox quotas; fractions round to the nearest byte. */
export function mibToBytes(mib: number): bigint {
  return sizeToBytes(mib, MIB, 'mib');
}

/**
 * Bytes -> MiB, exact (not rounded): a quota PostfixAdmin wrote in its own MB (10 MB = 10240000 bytes
 * = 9.765625 MiB) then goes back through mibToBytes unchanged. A negative value is returned as -1.
 */
export function bytesToMib(bytes: number | bigint): number {
  const big = toBigBytes(bytes);
  if (big < 0n) return DISABLED;
  return Number(big) / Number(MIB);
}

/**
 * A new/changed mailbox quota (bytes, 0 = unlimited) checked against a domain's maxquota and quota (MB)
 * given the sum of the other mailboxes' quotas (bytes). Returns null if it fits, else a reason.
 * A domain quota of -1 (PostfixAdmin's default when domain quotas are off) imposes nothing.
 */
export function checkMailboxQuota(args: {
  quotaBytes: bigint;
  domainMaxQuotaMb: bigint;
  domainQuotaMb: bigint;
  otherMailboxesBytes: bigint;
}): null | 'exceeds_max_quota' | 'exceeds_domain_quota' | 'unlimited_not_allowed' | 'quota_disabled' {
  const { quotaBytes, domainMaxQuotaMb, domainQuotaMb, otherMailboxesBytes } = args;
  if (quotaBytes < 0n || quotaBytes > MAX_BIGINT_COLUMN) {
    throw new RangeError(`quotaBytes must fit mailbox.quota (0 to 2^63-1), got ${quotaBytes}`);
  }
  if (otherMailboxesBytes < 0n) {
    // the caller sums only positive quotas; a legacy -1 row must not lower the total
    throw new RangeError(`otherMailboxesBytes must not be negative, got ${otherMailboxesBytes}`);
  }

  switch (bigLimitState(domainMaxQuotaMb)) {
    case 'disabled':
      // quotas are switched off for the domain: only "no quota" can be set, and nothing else is checked
      return quotaBytes === 0n ? null : 'quota_disabled';
    case 'limited':
      if (quotaBytes === 0n) return 'unlimited_not_allowed';
      if (quotaBytes > domainMaxQuotaMb * MULTIPLIER) return 'exceeds_max_quota';
      break;
    case 'unlimited':
      break;
  }

  if (bigLimitState(domainQuotaMb) === 'limited') {
    // an unlimited mailbox can never fit in a limited domain total
    if (quotaBytes === 0n) return 'unlimited_not_allowed';
    if (quotaBytes + otherMailboxesBytes > domainQuotaMb * MULTIPLIER) return 'exceeds_domain_quota';
  }
  return null;
}

type DomainLimitField = 'aliases' | 'mailboxes' | 'maxquota' | 'quota';

function limitError(value: number, max: number): string | undefined {
  if (!Number.isInteger(value)) return 'Enter a whole number.';
  if (value < DISABLED) return 'Enter -1 (disabled), 0 (unlimited) or a positive number.';
  if (value > max) return `Enter a number no larger than ${max}.`;
  return undefined;
}

/** Validation for the domain form: limits must be integers >= -1; maxquota must not exceed quota when both are limited. */
export function checkDomainLimits(args: {
  aliases: number;
  mailboxes: number;
  maxquotaMb: number;
  quotaMb: number;
}): Partial<Record<DomainLimitField, string>> {
  const errors: Partial<Record<DomainLimitField, string>> = {};
  const checks: [DomainLimitField, number, number][] = [
    ['aliases', args.aliases, MAX_COUNT_LIMIT],
    ['mailboxes', args.mailboxes, MAX_COUNT_LIMIT],
    ['maxquota', args.maxquotaMb, MAX_QUOTA_MB],
    ['quota', args.quotaMb, MAX_QUOTA_MB],
  ];
  for (const [field, value, max] of checks) {
    const error = limitError(value, max);
    if (error !== undefined) errors[field] = error;
  }
  if (
    errors.maxquota === undefined &&
    errors.quota === undefined &&
    args.maxquotaMb > 0 &&
    args.quotaMb > 0 &&
    args.maxquotaMb > args.quotaMb
  ) {
    errors.maxquota = 'The largest mailbox cannot be bigger than the quota of the whole domain.';
  }
  return errors;
}

/** "3 / 10", "3 / ∞", "disabled" style text for lists. */
export function formatUsage(used: number, limit: number): string {
  switch (limitState(limit)) {
    case 'unlimited':
      return `${used} / ∞`;
    case 'disabled':
      // still show rows left over from before the limit was disabled
      return used === 0 ? 'disabled' : `${used} / disabled`;
    case 'limited':
      return `${used} / ${limit}`;
  }
}
