import { describe, expect, it } from 'vitest';
import { ABSOLUTE_SESSION_SECONDS, isSessionExpired } from './session-expiry';

const now = 1_800_000_000;

describe('isSessionExpired', () => {
  it.each([
    ['active a moment ago', { lastActivity: now - 5, loginAt: now - 3600 }, false],
    ['idle exactly the limit', { lastActivity: now - 30 * 60, loginAt: now - 3600 }, false],
    ['idle one second too long', { lastActivity: now - 30 * 60 - 1, loginAt: now - 3600 }, true],
    ['active but past the absolute limit', { lastActivity: now - 1, loginAt: now - ABSOLUTE_SESSION_SECONDS - 1 }, true],
    ['a token without timestamps', {}, true],
  ])('%s', (_name, token, expired) => {
    expect(isSessionExpired(token, now, 30)).toBe(expired);
  });
});
