import { afterEach, describe, expect, it, vi } from 'vitest';
import { passwordPolicyError } from './schema';
import { GENERATED_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH, PASSWORD_CLASSES, generatePassword, type RandomSource } from './password-generator';

const inClass = (password: string, chars: string) => [...password].some((c) => chars.includes(c));
const ALL = Object.values(PASSWORD_CLASSES).join('');

afterEach(() => vi.restoreAllMocks());

describe('generatePassword', () => {
  it.each<[number, number]>([
    [1, GENERATED_PASSWORD_LENGTH],
    [8, GENERATED_PASSWORD_LENGTH],
    [10, GENERATED_PASSWORD_LENGTH],
    [16, 16],
    [17, 17],
    [40, 40],
    [128, 128],
    [1000, MAX_PASSWORD_LENGTH],
  ])('policy minimum %d gives %d characters that meet the policy', (minLength, length) => {
    const password = generatePassword(minLength);
    expect([...password]).toHaveLength(length);
    expect(passwordPolicyError(password, Math.min(minLength, MAX_PASSWORD_LENGTH))).toBeNull();
  });

  it.each(Object.entries(PASSWORD_CLASSES))('always contains a %s character, and nothing outside the classes', (_name, chars) => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword(10);
      expect(inClass(password, chars)).toBe(true);
      expect([...password].every((c) => ALL.includes(c))).toBe(true);
    }
  });

  it('draws from crypto.getRandomValues', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    generatePassword(10);
    expect(spy).toHaveBeenCalled();
  });

  it('uses only the random source it is given (same numbers, same password)', () => {
    const counter = (): RandomSource => {
      let n = 0;
      return (a) => a.fill((n++ * 2_654_435_761) >>> 0);
    };
    expect(generatePassword(20, counter())).toBe(generatePassword(20, counter()));
    expect(generatePassword(20, counter())).not.toBe(generatePassword(20));
  });

  it('draws again instead of folding an out-of-range number (no modulo bias)', () => {
    // 16 characters + 15 shuffle swaps = 31 draws; 0xFFFFFFFF is above the largest multiple of the
    // 25 lowercase letters, so the first pick must be drawn once more
    let calls = 0;
    const source: RandomSource = (a) => a.fill(calls++ === 0 ? 0xffffffff : 0);
    generatePassword(1, source);
    expect(calls).toBe(32);
  });

  it('gives different passwords each time', () => {
    const seen = new Set(Array.from({ length: 500 }, () => generatePassword(10)));
    expect(seen.size).toBe(500);
  });
});
