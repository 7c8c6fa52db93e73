import { describe, expect, it } from 'vitest';
import {
  DISABLED,
  QUOTA_MULTIPLIER,
  UNLIMITED,
  bytesToMb,
  bytesToMib,
  checkDomainLimits,
  checkMailboxQuota,
  fitsCountLimit,
  formatUsage,
  limitState,
  mbToBytes,
  mibToBytes,
  remainingCount,
} from './limits';

const MB = 1_024_000n; // PostfixAdmin's "MB"
const MIB = 1_048_576n;
const BIGINT_MAX = 9_223_372_036_854_775_807n; // mailbox.quota is a signed BIGINT
const MAX_QUOTA_MB = 9_007_199_254_740; // floor(BIGINT_MAX / MB)

describe('constants', () => {
  it('match PostfixAdmin', () => {
    expect(QUOTA_MULTIPLIER).toBe(1_024_000);
    expect(UNLIMITED).toBe(0);
    expect(DISABLED).toBe(-1);
  });
});

describe('limitState', () => {
  it.each<[number, string]>([
    [0, 'unlimited'],
    [-1, 'disabled'],
    [-2, 'disabled'],
    [1, 'limited'],
    [10, 'limited'],
    [2_147_483_647, 'limited'],
  ])('%d is %s', (limit, state) => {
    expect(limitState(limit)).toBe(state);
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (limit) => {
    expect(() => limitState(limit)).toThrow(RangeError);
  });
});

describe('fitsCountLimit', () => {
  it.each<[string, number, number, number, boolean]>([
    ['unlimited, empty', 0, 0, 1, true],
    ['unlimited, many used', 0, 1_000_000, 1, true],
    ['unlimited, many added', 0, 5, 1_000, true],
    ['disabled refuses the first item', -1, 0, 1, false],
    ['disabled refuses more items', -1, 5, 1, false],
    ['disabled is a cap of zero: adding nothing to nothing fits', -1, 0, 0, true],
    ['disabled with leftover rows, adding nothing', -1, 3, 0, false],
    ['one below the limit', 10, 9, 1, true],
    ['at the limit', 10, 10, 1, false],
    ['several fitting exactly', 10, 8, 2, true],
    ['several going one over', 10, 9, 2, false],
    ['at the limit adding nothing', 10, 10, 0, true],
    ['already over the limit', 10, 11, 0, false],
    ['limit of one, empty', 1, 0, 1, true],
  ])('%s: limit %d, used %d, adding %d', (_case, limit, used, adding, expected) => {
    expect(fitsCountLimit(limit, used, adding)).toBe(expected);
  });

  it.each<[number, number, boolean]>([
    [1, 0, true],
    [1, 1, false],
    [-1, 0, false],
    [0, 99, true],
  ])('adds one item by default: limit %d, used %d', (limit, used, expected) => {
    expect(fitsCountLimit(limit, used)).toBe(expected);
  });

  it.each<[string, number, number, number]>([
    ['negative used', 10, -1, 1],
    ['negative adding', 10, 0, -1],
    ['fractional used', 10, 1.5, 1],
    ['fractional limit', 1.5, 0, 1],
    ['NaN adding', 10, 0, Number.NaN],
  ])('refuses %s', (_case, limit, used, adding) => {
    expect(() => fitsCountLimit(limit, used, adding)).toThrow(RangeError);
  });
});

describe('remainingCount', () => {
  it.each<[string, number, number, number | null]>([
    ['unlimited', 0, 5, null],
    ['unlimited, empty', 0, 0, null],
    ['disabled', -1, 0, 0],
    ['disabled with leftover rows', -1, 3, 0],
    ['some left', 10, 3, 7],
    ['none used', 1, 0, 1],
    ['full', 10, 10, 0],
    ['over the limit is never negative', 10, 12, 0],
  ])('%s: limit %d, used %d', (_case, limit, used, expected) => {
    expect(remainingCount(limit, used)).toBe(expected);
  });

  it('refuses a negative count', () => {
    expect(() => remainingCount(10, -1)).toThrow(RangeError);
  });
});

describe('mbToBytes (PostfixAdmin MB = 1,024,000 bytes)', () => {
  it.each<[number | bigint, bigint]>([
    [0, 0n],
    [0n, 0n],
    [1, 1_024_000n],
    [10, 10_240_000n],
    [10n, 10_240_000n],
    [1.5, 1_536_000n],
    [0.5, 512_000n],
    [MAX_QUOTA_MB, BigInt(MAX_QUOTA_MB) * MB],
    [BigInt(MAX_QUOTA_MB) + 1n, (BigInt(MAX_QUOTA_MB) + 1n) * MB],
    [Number.MAX_SAFE_INTEGER, BigInt(Number.MAX_SAFE_INTEGER) * MB], // exact, not via a float product
  ])('%d MB is %d bytes', (mb, bytes) => {
    expect(mbToBytes(mb)).toBe(bytes);
  });

  it.each<number | bigint>([-1, -1n, -0.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (mb) => {
    expect(() => mbToBytes(mb)).toThrow(RangeError);
  });
});

describe('bytesToMb (rounded down)', () => {
  it.each<[number | bigint, number]>([
    [0, 0],
    [0n, 0],
    [1, 0],
    [1_023_999, 0],
    [1_024_000, 1],
    [1_024_000n, 1],
    [1_048_576, 1], // one MiB is one PostfixAdmin MB and a bit
    [2_047_999n, 1],
    [10_240_000, 10],
    [10_240_000n, 10],
    [1_536_000.9, 1],
    [BIGINT_MAX, MAX_QUOTA_MB],
    [-1n, -1], // PostfixAdmin's "disabled" marker passes through, as its divide_quota does
    [-1, -1],
    [-5_000_000n, -1],
  ])('%d bytes is %d MB', (bytes, mb) => {
    expect(bytesToMb(bytes)).toBe(mb);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (bytes) => {
    expect(() => bytesToMb(bytes)).toThrow(RangeError);
  });
});

describe('mibToBytes (form MiB = 1,048,576 bytes)', () => {
  it.each<[number, bigint]>([
    [0, 0n],
    [1, 1_048_576n],
    [10, 10_485_760n],
    [0.5, 524_288n],
    [9.765625, 10_240_000n], // a PostfixAdmin 10 MB mailbox
    [1024 * 1024, 1_099_511_627_776n], // 1 TiB
    [2 ** 33, 2n ** 53n], // past Number.MAX_SAFE_INTEGER bytes, still exact
  ])('%d MiB is %d bytes', (mib, bytes) => {
    expect(mibToBytes(mib)).toBe(bytes);
  });

  it.each([-1, -0.5, Number.NaN, Number.NEGATIVE_INFINITY])('refuses %d', (mib) => {
    expect(() => mibToBytes(mib)).toThrow(RangeError);
  });
});

describe('bytesToMib (exact)', () => {
  it.each<[number | bigint, number]>([
    [0, 0],
    [0n, 0],
    [1_048_576, 1],
    [1_048_576n, 1],
    [524_288, 0.5],
    [10_240_000, 9.765625],
    [10_240_000n, 9.765625],
    [-1n, -1],
    [-1, -1],
  ])('%d bytes is %d MiB', (bytes, mib) => {
    expect(bytesToMib(bytes)).toBe(mib);
  });

  it.each<bigint>([1n, 10_240_000n, 1_000_000_007n, 5n * MB + 17n, 2n ** 52n + 1n])(
    '%d bytes survive a trip through the MiB form unchanged',
    (bytes) => {
      expect(mibToBytes(bytesToMib(bytes))).toBe(bytes);
    },
  );

  it('refuses NaN', () => {
    expect(() => bytesToMib(Number.NaN)).toThrow(RangeError);
  });
});

describe('checkMailboxQuota', () => {
  const max = BigInt(MAX_QUOTA_MB);
  it.each<[string, bigint, bigint, bigint, bigint, ReturnType<typeof checkMailboxQuota>]>([
    // quotaBytes, domainMaxQuotaMb, domainQuotaMb, otherMailboxesBytes
    ['everything unlimited, unlimited mailbox', 0n, 0n, 0n, 0n, null],
    ['everything unlimited, any size', 500n * MB, 0n, 0n, 10_000n * MB, null],
    ['quotas disabled, no quota asked', 0n, -1n, 0n, 0n, null],
    ['quotas disabled, one byte asked', 1n, -1n, 0n, 0n, 'quota_disabled'],
    ['quotas disabled, a real quota asked', 10n * MB, -1n, 100n, 0n, 'quota_disabled'],
    ['quotas disabled, domain total not checked', 0n, -1n, 100n, 500n * MB, null],
    ['maxquota limited refuses unlimited', 0n, 10n, 0n, 0n, 'unlimited_not_allowed'],
    ['exactly maxquota', 10n * MB, 10n, 0n, 0n, null],
    ['one byte over maxquota', 10n * MB + 1n, 10n, 0n, 0n, 'exceeds_max_quota'],
    ['one byte', 1n, 10n, 0n, 0n, null],
    ['MB is 1,024,000 bytes, not a MiB', MIB, 1n, 0n, 0n, 'exceeds_max_quota'],
    ['domain quota limited refuses unlimited', 0n, 0n, 100n, 0n, 'unlimited_not_allowed'],
    ['fills the domain exactly', 40n * MB, 0n, 100n, 60n * MB, null],
    ['one byte over the domain', 40n * MB + 1n, 0n, 100n, 60n * MB, 'exceeds_domain_quota'],
    ['others already one byte over', 40n * MB, 50n, 100n, 60n * MB + 1n, 'exceeds_domain_quota'],
    ['alone bigger than the domain', 101n * MB, 0n, 100n, 0n, 'exceeds_domain_quota'],
    ['maxquota is checked before the domain total', 60n * MB, 50n, 100n, 90n * MB, 'exceeds_max_quota'],
    ['domain quota -1 imposes nothing', 10n * MB, 50n, -1n, 10_000n * MB, null],
    ['domain quota 0 imposes nothing', 10n * MB, 50n, 0n, 10_000n * MB, null],
    ['largest maxquota, mailbox at it', max * MB, max, 0n, 0n, null],
    ['unlimited maxquota, quota past 2^53', 2n ** 53n + 1n, 0n, 0n, 0n, null],
    ['unlimited maxquota, quota at BIGINT max', BIGINT_MAX, 0n, 0n, 0n, null],
    ['huge domain, one byte left and used', 1n, 0n, max, max * MB - 1n, null],
    ['huge domain, two bytes where one is left', 2n, 0n, max, max * MB - 1n, 'exceeds_domain_quota'],
  ])('%s', (_case, quotaBytes, domainMaxQuotaMb, domainQuotaMb, otherMailboxesBytes, expected) => {
    expect(checkMailboxQuota({ quotaBytes, domainMaxQuotaMb, domainQuotaMb, otherMailboxesBytes })).toBe(expected);
  });

  it.each<[string, bigint, bigint]>([
    ['a negative quota', -1n, 0n],
    ['a quota past BIGINT', BIGINT_MAX + 1n, 0n],
    ['a negative sum of the others (legacy -1 rows summed)', 10n * MB, -1n],
  ])('refuses %s', (_case, quotaBytes, otherMailboxesBytes) => {
    expect(() =>
      checkMailboxQuota({ quotaBytes, domainMaxQuotaMb: 0n, domainQuotaMb: 0n, otherMailboxesBytes }),
    ).toThrow(RangeError);
  });
});

describe('checkDomainLimits', () => {
  type Args = Parameters<typeof checkDomainLimits>[0];
  const ok: Args = { aliases: 10, mailboxes: 10, maxquotaMb: 10, quotaMb: 100 };

  it.each<[string, Partial<Args>, string[]]>([
    ['typical limits', {}, []],
    ['all unlimited', { aliases: 0, mailboxes: 0, maxquotaMb: 0, quotaMb: 0 }, []],
    ['all disabled', { aliases: -1, mailboxes: -1, maxquotaMb: -1, quotaMb: -1 }, []],
    ['maxquota equal to quota', { maxquotaMb: 100, quotaMb: 100 }, []],
    ['maxquota above quota', { maxquotaMb: 101, quotaMb: 100 }, ['maxquota']],
    ['maxquota above an unlimited quota', { maxquotaMb: 500, quotaMb: 0 }, []],
    ['maxquota above a disabled quota', { maxquotaMb: 500, quotaMb: -1 }, []],
    ['unlimited maxquota under a limited quota', { maxquotaMb: 0, quotaMb: 100 }, []],
    ['disabled maxquota under a limited quota', { maxquotaMb: -1, quotaMb: 100 }, []],
    ['aliases below -1', { aliases: -2 }, ['aliases']],
    ['mailboxes not whole', { mailboxes: 1.5 }, ['mailboxes']],
    ['quota NaN', { quotaMb: Number.NaN }, ['quota']],
    ['maxquota infinite', { maxquotaMb: Number.POSITIVE_INFINITY }, ['maxquota']],
    ['aliases at the INT column maximum', { aliases: 2_147_483_647 }, []],
    ['aliases past the INT column', { aliases: 2_147_483_648 }, ['aliases']],
    ['mailboxes past the INT column', { mailboxes: 2_147_483_648 }, ['mailboxes']],
    ['quotas at the largest MB fitting a BIGINT in bytes', { maxquotaMb: MAX_QUOTA_MB, quotaMb: MAX_QUOTA_MB }, []],
    ['quota one MB past that', { quotaMb: MAX_QUOTA_MB + 1 }, ['quota']],
    ['maxquota one MB past that', { maxquotaMb: MAX_QUOTA_MB + 1, quotaMb: 0 }, ['maxquota']],
    ['invalid maxquota is not also compared', { maxquotaMb: 100.5, quotaMb: 100 }, ['maxquota']],
    ['everything wrong', { aliases: -3, mailboxes: 0.1, maxquotaMb: -9, quotaMb: 1e300 }, ['aliases', 'mailboxes', 'maxquota', 'quota']],
  ])('%s', (_case, change, fields) => {
    const errors = checkDomainLimits({ ...ok, ...change });
    expect(Object.keys(errors).sort()).toEqual(fields);
    for (const message of Object.values(errors)) expect(message).toMatch(/^[A-Z].{10,}\.$/);
  });

  it('explains the maxquota/quota conflict on maxquota', () => {
    expect(checkDomainLimits({ ...ok, maxquotaMb: 200, quotaMb: 100 }).maxquota).toMatch(/quota of the whole domain/);
  });

  it('keeps the "whole number" message when maxquota is invalid and above quota', () => {
    expect(checkDomainLimits({ ...ok, maxquotaMb: 100.5, quotaMb: 100 }).maxquota).toMatch(/whole number/);
  });
});

describe('formatUsage', () => {
  it.each<[number, number, string]>([
    [3, 10, '3 / 10'],
    [10, 10, '10 / 10'],
    [12, 10, '12 / 10'],
    [3, 0, '3 / ∞'],
    [0, 0, '0 / ∞'],
    [0, -1, 'disabled'],
    [2, -1, '2 / disabled'],
  ])('%d used of %d is %j', (used, limit, text) => {
    expect(formatUsage(used, limit)).toBe(text);
  });
});
