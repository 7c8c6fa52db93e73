import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getServerSession } from 'next-auth';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { getAuthOptions } from './options';
import { ALL_DOMAINS, type Actor } from './permissions';
import { isSessionExpired } from './session-expiry';

/** The logged-in admin for this request, or null (not logged in, idle too long, deactivated or deleted). */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.username) return null;
  if (isSessionExpired(session, Math.floor(Date.now() / 1000), getEnv().MAILROOM_SESSION_IDLE_MINUTES)) return null;
  const db = getDb();
  const admin = await db.admin.findUnique({
    where: { username: session.user.username },
    select: { username: true, active: true, superadmin: true },
  });
  if (!admin?.active) return null;
  const rows = await db.domainAdmin.findMany({ where: { username: admin.username, active: true }, select: { domain: true } });
  const isSuperadmin = admin.superadmin || rows.some((r) => r.domain === ALL_DOMAINS);
  const ip = await clientIp();
  return {
    username: admin.username,
    isSuperadmin,
    domains: rows.filter((r) => r.domain !== ALL_DOMAINS).map((r) => r.domain.toLowerCase()),
    auditName: ip ? `${admin.username} (${ip})` : admin.username,
  };
});

async function clientIp(): Promise<string | null> {
  const h = await headers();
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || h.get('x-real-ip') || null;
}

/** For pages: the admin, or a redirect to the login page. */
export async function requireAdminPage(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect('/login');
  return actor;
}

/** For superadmin-only pages: anyone else gets a 404, which reveals nothing. */
export async function requireSuperadminPage(): Promise<Actor> {
  const actor = await requireAdminPage();
  if (!actor.isSuperadmin) notFound();
  return actor;
}
