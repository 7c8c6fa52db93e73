import 'next-auth';
import 'next-auth/jwt';

/** Who a session belongs to: an admin (the panel) or a mailbox owner (self-service). */
type SessionKind = 'admin' | 'mailbox';

declare module 'next-auth' {
  interface User {
    kind: SessionKind;
  }
  interface Session {
    user: { username: string; kind: SessionKind };
    /** seconds since epoch of the last request, refreshed by proxy.ts (idle timeout) */
    lastActivity: number;
    loginAt: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    kind?: SessionKind;
    lastActivity?: number;
    loginAt?: number;
  }
}
