import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';

// next-auth reads the options at request time, so a missing secret fails the request, not the build.
function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(getAuthOptions())(req, ctx);
}

export { handler as GET, handler as POST };
