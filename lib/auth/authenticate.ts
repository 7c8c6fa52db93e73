import { getDb } from '@/lib/db/client';
import { hashPassword, needsRehash, TIMING_DUMMY_HASH, verifyPassword } from '@/lib/passwords/hash';

/**
 * Checks an admin's credentials. Unknown, inactive and wrong-password logins all return null after
 * the same amount of hashing work, so the answer says nothing about which part was wrong.
 * A successful login with an old scheme rehashes to the default one.
 */
export async function authenticateAdmin(username: string, password: string): Promise<{ username: string } | null> {
  const db = getDb();
  const admin = await db.admin.findUnique({ where: { username }, select: { username: true, password: true, active: true } });
  const ok = await verifyPassword(password, admin?.password ?? TIMING_DUMMY_HASH);
  if (!admin || !ok || !admin.active) return null;
  if (needsRehash(admin.password)) {
    await db.admin.update({ where: { username }, data: { password: await hashPassword(password) } });
  }
  return { username: admin.username };
}
