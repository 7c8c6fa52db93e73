/** A session ends this long after login, however active (seconds). */
export const ABSOLUTE_SESSION_SECONDS = 12 * 60 * 60;

/** Whether a session has been idle too long, or has outlived the absolute limit since login. */
export function isSessionExpired(token: { lastActivity?: number; loginAt?: number }, nowSeconds: number, idleMinutes: number): boolean {
  const last = token.lastActivity ?? 0;
  const loginAt = token.loginAt ?? 0;
  return nowSeconds - last > idleMinutes * 60 || nowSeconds - loginAt > ABSOLUTE_SESSION_SECONDS;
}
