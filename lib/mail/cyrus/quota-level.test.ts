import { describe, expect, it } from 'vitest';
import { quotaLevel, usagePercent } from './quota-level';

describe('quota bar level', () => {
  it.each([
    [0, 1000, 0],
    [1, 1000, 0],
    [899, 1000, 89],
    [900, 1000, 90],
    [1000, 1000, 100],
    [1500, 1000, 100],
    [-5, 1000, 0],
  ])('%i of %i is %i %%', (used, limit, pct) => {
    expect(usagePercent(used, limit)).toBe(pct);
  });

  it('has no percentage without a limit', () => {
    expect(usagePercent(10, null)).toBeNull();
    expect(usagePercent(10, 0)).toBeNull();
  });

  it.each([
    [899, 1000, 90, 'ok'],
    [900, 1000, 90, 'warn'],
    [999, 1000, 90, 'warn'],
    [1000, 1000, 90, 'full'],
    [1200, 1000, 90, 'full'],
    [500, 1000, 50, 'warn'],
    [499, 1000, 50, 'ok'],
  ] as const)('%i of %i with a %i %% warning level is %s', (used, limit, warn, level) => {
    expect(quotaLevel(used, limit, warn)).toBe(level);
  });
});
