import { getDb } from '@/lib/db/client';
import { hashPassword, needsRehash, TIMING_DUMMY_HASH, verifyPassword } from '@/lib/passwords/hash';
import { getSettings } from '@/lib/settings/settings';

export type Authenticated = { username: string; kind: 'admin' | 'mailbox' };

/**
 * Checks an admin's credentials. Unknown, inactive and wrong-password logins all return null after
 * the same amount of hashing work, so the answer says nothing about which part was wrong.
 * A successful login with another scheme than the configured one (the passwordScheme setting) rehashes.
 */
export async function authenticateAdmin(username: string, password: string): Promise<{ username: string } | null> {
  const db = getDb();
  const admin = await db.admin.findUnique({ where: { username }, select: { username: true, password: true, active: true } });
  const ok = await verifyPassword(password, admin?.password ?? TIMING_DUMMY_HASH);
  if (!admin || !ok || !admin.active) return null;
  const { passwordScheme } = await getSettings(db);
  if (needsRehash(admin.password, passwordScheme)) {
    await db.admin.update({ where: { username }, data: { password: await hashPassword(password, passwordScheme) } });
  }
  return { username: admin.username };
}

/**
 * Checks a mailbox owner's credentials: an active mailbox in an active domain, any stored scheme
 * (rehashed to the configured scheme on success). Every failure costs the same hashing work and returns null.
 */
export async function authenticateMailbox(username: string, password: string): Promise<{ username: string } | null> {
  const db = getDb();
  const mailbox = await db.mailbox.findUnique({ where: { username }, select: { username: true, password: true, active: true, domain: true } });
  const ok = await verifyPassword(password, mailbox?.password ?? TIMING_DUMMY_HASH);
  if (!mailbox || !ok || !mailbox.active) return null;
  const domain = await db.domain.findUnique({ where: { domain: mailbox.domain }, select: { active: true } });
  if (!domain?.active) return null;
  const { passwordScheme } = await getSettings(db);
  if (needsRehash(mailbox.password, passwordScheme)) {
    // only this row's password, and only if nobody changed it meanwhile
    await db.mailbox.updateMany({ where: { username, password: mailbox.password }, data: { password: await hashPassword(password, passwordScheme) } });
  }
  return { username: mailbox.username };
}

/**
 * The login: an admin first; when no admin matches (unknown, inactive or another password), a
 * mailbox owner. Every failure costs two hash checks, so timing does not tell which part failed.
 */
export async function authenticate(username: string, password: string): Promise<Authenticated | null> {
  const admin = await authenticateAdmin(username, password);
  if (admin) return { username: admin.username, kind: 'admin' };
  const owner = await authenticateMailbox(username, password);
  return owner ? { username: owner.username, kind: 'mailbox' } : null;
}
