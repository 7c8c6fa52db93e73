import { describe, expect, it } from 'vitest';
import { backoffSeconds, MAX_ATTEMPTS, nextState } from './schedule';

describe('[jobs] retry schedule', () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [4, 240],
    [7, 1920],
    [8, 3600],
    [50, 3600],
    [0, 30],
  ])('after attempt %i the job waits %i s', (attempts, seconds) => {
    expect(backoffSeconds(attempts)).toBe(seconds);
  });

  it.each([
    [{ ok: true } as const, 1, { state: 'done' }],
    [{ ok: true } as const, MAX_ATTEMPTS, { state: 'done' }],
    [{ ok: false, error: 'disk full', permanent: false } as const, 1, { state: 'pending', error: 'disk full', delaySeconds: 30 }],
    [{ ok: false, error: 'disk full', permanent: false } as const, MAX_ATTEMPTS - 1, { state: 'pending', error: 'disk full', delaySeconds: backoffSeconds(MAX_ATTEMPTS - 1) }],
    [{ ok: false, error: 'disk full', permanent: false } as const, MAX_ATTEMPTS, { state: 'failed', error: 'disk full' }],
    [{ ok: false, error: 'Refused: symlink', permanent: true } as const, 1, { state: 'failed', error: 'Refused: symlink' }],
  ])('%j at attempt %i becomes %j', (outcome, attempts, next) => {
    expect(nextState(outcome, attempts)).toEqual(next);
  });
});
