import { describe, expect, it } from 'vitest';
import { MAX_QUOTA_BYTES, MAX_QUOTA_MIB, formatQuotaMib, parseQuotaMib, quotaPercent, quotaRoom } from './quota';

const MIB = 1_048_576n;
const MB = 1_024_000n; // PostfixAdmin's "MB"

describe('parseQuotaMib (form MiB -> stored bytes)', () => {
  it.each<[string, bigint]>([
    ['0', 0n],
    ['1', MIB],
    ['512', 512n * MIB],
    ['1024', 1024n * MIB],
    [' 100 ', 100n * MIB],
    ['1.5', 1_572_864n],
    ['1,5', 1_572_864n],
    ['9.765625', 10n * MB], // PostfixAdmin's 10 MB
    ['97.65625', 100n * MB],
    ['0.00000095367431640625', 1n], // one byte
    ['0.0000001', 0n], // a tenth of a byte rounds to the nearest byte
    ['007', 7n * MIB],
    [String(MAX_QUOTA_MIB), MAX_QUOTA_BYTES],
  ])('%s MiB -> %s bytes', (input, bytes) => {
    expect(parseQuotaMib(input)).toEqual({ ok: true, bytes });
  });

  it.each<[string, 'format' | 'too_large']>([
    ['', 'format'],
    ['-1', 'format'],
    ['1e3', 'format'],
    ['0x10', 'format'],
    ['1.', 'format'],
    ['.5', 'format'],
    ['1.2.3', 'format'],
    ['1 000', 'format'],
    ['Infinity', 'format'],
    ['NaN', 'format'],
    ['10 MB', 'format'],
    ["1'; DROP TABLE mailbox; --", 'format'],
    ['1\n2', 'format'],
    [String(MAX_QUOTA_MIB + 1), 'too_large'],
    ['9'.repeat(400), 'too_large'],
  ])('%j is refused (%s)', (input, error) => {
    expect(parseQuotaMib(input)).toEqual({ ok: false, error });
  });
});

describe('formatQuotaMib (stored bytes -> form MiB), exact', () => {
  it.each<[bigint, string]>([
    [0n, '0'],
    [-1n, '0'],
    [MIB, '1'],
    [512n * MIB, '512'],
    [10n * MB, '9.765625'],
    [1n, '0.00000095367431640625'],
    [10_240_001n, '9.76562595367431640625'],
    [MAX_QUOTA_BYTES, String(MAX_QUOTA_MIB)],
  ])('%s bytes -> %s MiB', (bytes, text) => {
    expect(formatQuotaMib(bytes)).toBe(text);
  });

  // The form shows a stored quota and sends it back: the bytes must come back unchanged, never rounded away.
  it.each<bigint>([1n, 1023n, 999_999n, 10n * MB, 10_240_001n, 3n * MB + 7n, 123_456_789_012n, MAX_QUOTA_BYTES - 1n, MAX_QUOTA_BYTES])('%s bytes survive show-and-save', (bytes) => {
    expect(parseQuotaMib(formatQuotaMib(bytes))).toEqual({ ok: true, bytes });
  });
});

describe('quotaPercent', () => {
  it.each<[bigint, bigint, number | null]>([
    [0n, 0n, null],
    [5n, 0n, null],
    [0n, 100n, 0],
    [50n, 100n, 50],
    [999n, 1000n, 99],
    [100n, 100n, 100],
    [250n, 100n, 100],
    [-5n, 100n, 0],
  ])('%s of %s -> %s', (used, quota, pct) => {
    expect(quotaPercent(used, quota)).toBe(pct);
  });
});

describe('quotaRoom (the form hint, same rules as checkMailboxQuota)', () => {
  it.each([
    ['nothing limited', { maxquotaMb: 0n, quotaMb: 0n, allocatedBytes: 5n }, { disabled: false, maxBytes: null, totalBytes: null, freeBytes: null, unlimitedAllowed: true, suggestedBytes: 0n }],
    ['largest mailbox only', { maxquotaMb: 100n, quotaMb: 0n, allocatedBytes: 0n }, { disabled: false, maxBytes: 100n * MB, totalBytes: null, freeBytes: null, unlimitedAllowed: false, suggestedBytes: 100n * MB }],
    ['domain total only', { maxquotaMb: 0n, quotaMb: 50n, allocatedBytes: 20n * MB }, { disabled: false, maxBytes: null, totalBytes: 50n * MB, freeBytes: 30n * MB, unlimitedAllowed: false, suggestedBytes: 30n * MB }],
    ['both, the free part smaller', { maxquotaMb: 100n, quotaMb: 150n, allocatedBytes: 100n * MB }, { disabled: false, maxBytes: 100n * MB, totalBytes: 150n * MB, freeBytes: 50n * MB, unlimitedAllowed: false, suggestedBytes: 50n * MB }],
    ['domain total overbooked', { maxquotaMb: 0n, quotaMb: 10n, allocatedBytes: 20n * MB }, { disabled: false, maxBytes: null, totalBytes: 10n * MB, freeBytes: 0n, unlimitedAllowed: false, suggestedBytes: 0n }],
    ['quotas disabled', { maxquotaMb: -1n, quotaMb: 50n, allocatedBytes: 0n }, { disabled: true, maxBytes: null, totalBytes: null, freeBytes: null, unlimitedAllowed: false, suggestedBytes: 0n }],
    ['domain total -1 imposes nothing', { maxquotaMb: 0n, quotaMb: -1n, allocatedBytes: 0n }, { disabled: false, maxBytes: null, totalBytes: null, freeBytes: null, unlimitedAllowed: true, suggestedBytes: 0n }],
  ])('%s', (_label, args, room) => {
    expect(quotaRoom(args)).toEqual(room);
  });
});
