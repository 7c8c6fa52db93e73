import 'server-only';
import { redirect } from 'next/navigation';
import { getDb } from '@/lib/db/client';
import { isMissingTable } from '@/lib/db/errors';
import { ALL_DOMAINS } from '@/lib/auth/permissions';

let complete = false; // once a superadmin exists the wizard is closed for good; no need to ask again

/** Whether a superadmin exists (PostfixAdmin's flag, or its legacy `ALL` domain_admins row). */
export async function isSetupComplete(): Promise<boolean> {
  if (complete) return true;
  try {
    const db = getDb();
    const flagged = await db.admin.count({ where: { superadmin: true } });
    const legacy = flagged > 0 ? 0 : await db.domainAdmin.count({ where: { domain: ALL_DOMAINS } });
    complete = flagged + legacy > 0;
  } catch (err) {
    if (isMissingTable(err)) return false; // tables not there yet: the wizard applies the migrations
    throw err;
  }
  return complete;
}

/** Every page but the wizard leads to the wizard until setup is done. */
export async function requireSetupComplete(): Promise<void> {
  if (!(await isSetupComplete())) redirect('/setup');
}
