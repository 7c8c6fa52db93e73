import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { z } from 'zod';
import { getEnv } from '@/lib/env';
import { authenticate } from './authenticate';
import { ABSOLUTE_SESSION_SECONDS } from './session-expiry';

const credentialsSchema = z.object({
  username: z.string().trim().toLowerCase().min(1).max(255),
  password: z.string().min(1).max(1024),
});

/** next-auth configuration: credentials against the `admin` table, then `mailbox`; JWT sessions. */
export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: ABSOLUTE_SESSION_SECONDS },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Mailroom',
        credentials: { username: { type: 'email' }, password: { type: 'password' } },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) return null;
          const who = await authenticate(parsed.data.username, parsed.data.password);
          return who ? { id: who.username, email: who.username, kind: who.kind } : null;
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.kind = user.kind;
          token.lastActivity = Math.floor(Date.now() / 1000);
          token.loginAt = token.lastActivity;
        }
        return token;
      },
      session({ session, token }) {
        session.user = { username: token.sub ?? '', kind: token.kind ?? 'admin' };
        session.lastActivity = token.lastActivity ?? 0;
        session.loginAt = token.loginAt ?? 0;
        return session;
      },
    },
  };
}
