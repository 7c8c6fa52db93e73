import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface User {
    kind: 'admin';
  }
  interface Session {
    user: { username: string; kind: 'admin' };
    /** seconds since epoch of the last request, refreshed by proxy.ts (idle timeout) */
    lastActivity: number;
    loginAt: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    kind?: 'admin';
    lastActivity?: number;
    loginAt?: number;
  }
}
