import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getServerSession, type Session } from 'next-auth';
import { cache } from 'react';
import { getDb } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { getAuthOptions } from './options';
import { ALL_DOMAINS, type Actor } from './permissions';
import { isSessionExpired } from './session-expiry';

/** The session of this request if it is still within its idle and absolute limits. */
const getLiveSession = cache(async (): Promise<Session['user'] | null> => {
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.username) return null;
  if (isSessionExpired(session, Math.floor(Date.now() / 1000), getEnv().MAILROOM_SESSION_IDLE_MINUTES)) return null;
  return session.user;
});

/**
 * The logged-in admin for this request, or null (not logged in, idle too long, deactivated or
 * deleted, or a mailbox owner's session: owners are never admins, even under the same address).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const user = await getLiveSession();
  if (!user || user.kind !== 'admin') return null;
  const db = getDb();
  const admin = await db.admin.findUnique({
    where: { username: user.username },
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

/** A logged-in mailbox owner: their own mailbox, nothing else. */
export interface MailboxOwner {
  username: string;
  name: string;
  domain: string;
  /** bytes; 0 = unlimited */
  quota: bigint;
  /** who the `log` table names for the owner's own changes: the address and the client's IP */
  auditName: string;
}

/** The mailbox owner of this request, or null (no owner session, or the mailbox or its domain is gone or inactive). */
export const getMailboxOwner = cache(async (): Promise<MailboxOwner | null> => {
  const user = await getLiveSession();
  if (!user || user.kind !== 'mailbox') return null;
  const db = getDb();
  const mailbox = await db.mailbox.findUnique({
    where: { username: user.username },
    select: { username: true, name: true, domain: true, quota: true, active: true },
  });
  if (!mailbox?.active) return null;
  const domain = await db.domain.findUnique({ where: { domain: mailbox.domain }, select: { active: true } });
  if (!domain?.active) return null;
  const ip = await clientIp();
  return { username: mailbox.username, name: mailbox.name, domain: mailbox.domain, quota: mailbox.quota, auditName: ip ? `${mailbox.username} (${ip})` : mailbox.username };
});

async function clientIp(): Promise<string | null> {
  const h = await headers();
  const forwarded = h.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || h.get('x-real-ip') || null;
}

/** For pages: the admin; a mailbox owner goes to their own page, anyone else to the login page. */
export async function requireAdminPage(): Promise<Actor> {
  const actor = await getActor();
  if (actor) return actor;
  if (await getMailboxOwner()) redirect('/account');
  redirect('/login');
}

/** For superadmin-only pages: anyone else gets a 404, which reveals nothing. */
export async function requireSuperadminPage(): Promise<Actor> {
  const actor = await requireAdminPage();
  if (!actor.isSuperadmin) notFound();
  return actor;
}

/** For the mailbox owner's pages: an admin goes to the panel, anyone else to the login page. */
export async function requireMailboxOwnerPage(): Promise<MailboxOwner> {
  const owner = await getMailboxOwner();
  if (owner) return owner;
  if (await getActor()) redirect('/domains');
  redirect('/login');
}
