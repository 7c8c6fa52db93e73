import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cookies } from 'next/headers';
import { getEnv } from '@/lib/env';

// After the setup token is accepted, a short-lived signed cookie lets the same browser finish the wizard.
const COOKIE = 'mailroom_setup';
const TTL_SECONDS = 30 * 60;

function sign(expires: number): string {
  return createHmac('sha256', getEnv().NEXTAUTH_SECRET).update(`setup:${expires}`).digest('hex');
}

export async function grantWizardSession(): Promise<void> {
  const expires = Math.floor(Date.now() / 1000) + TTL_SECONDS;
  (await cookies()).set(COOKIE, `${expires}.${sign(expires)}`, { httpOnly: true, sameSite: 'strict', path: '/setup', maxAge: TTL_SECONDS });
}

export async function hasWizardSession(): Promise<boolean> {
  const value = (await cookies()).get(COOKIE)?.value ?? '';
  const [exp, mac] = value.split('.');
  const expires = Number(exp);
  if (!mac || !Number.isInteger(expires) || expires < Date.now() / 1000) return false;
  const a = Buffer.from(mac, 'hex');
  const b = Buffer.from(sign(expires), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function endWizardSession(): Promise<void> {
  (await cookies()).delete({ name: COOKIE, path: '/setup' });
}
