import { NextResponse, type NextRequest } from 'next/server';
import { encode, getToken } from 'next-auth/jwt';
import { ABSOLUTE_SESSION_SECONDS, isSessionExpired } from '@/lib/auth/session-expiry';
import { getEnv } from '@/lib/env';

// Sliding idle timeout for the JWT session: each request refreshes `lastActivity` (at most once a
// minute); a session idle for longer than MAILROOM_SESSION_IDLE_MINUTES is dropped. This is
// convenience only: lib/auth/session.ts applies the same rule on the server for every page and action.

const REFRESH_AFTER_SECONDS = 60;

export async function proxy(req: NextRequest) {
  const env = getEnv();
  const secure = req.nextUrl.protocol === 'https:';
  const cookieName = `${secure ? '__Secure-' : ''}next-auth.session-token`;
  const token = await getToken({ req, secret: env.NEXTAUTH_SECRET, secureCookie: secure });
  if (!token) return NextResponse.next();

  const now = Math.floor(Date.now() / 1000);
  if (isSessionExpired(token, now, env.MAILROOM_SESSION_IDLE_MINUTES)) {
    const isPage = req.method === 'GET' && !req.nextUrl.pathname.startsWith('/login');
    const res = isPage ? NextResponse.redirect(new URL('/login?expired=1', req.url)) : NextResponse.next();
    res.cookies.delete(cookieName);
    return res;
  }
  if (now - (token.lastActivity ?? 0) < REFRESH_AFTER_SECONDS) return NextResponse.next();
  const res = NextResponse.next();
  const value = await encode({ token: { ...token, lastActivity: now }, secret: env.NEXTAUTH_SECRET, maxAge: ABSOLUTE_SESSION_SECONDS });
  res.cookies.set(cookieName, value, { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: ABSOLUTE_SESSION_SECONDS });
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/auth).*)'],
};
