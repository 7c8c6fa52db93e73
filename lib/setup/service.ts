import 'server-only';
import { writeAuditLog } from '@/lib/audit-log/write';
import { ALL_DOMAINS } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { hashNewPassword } from '@/lib/passwords/configured';
import { getSettings, saveSetting } from '@/lib/settings/settings';

export type CreateSuperadminResult = 'created' | 'already_done';

/**
 * Creates the first superadmin, PostfixAdmin-style (admin.superadmin = 1 plus a domain_admins
 * `ALL` row), at most once: a marker row with a fixed key makes a second, concurrent attempt fail.
 */
export async function createFirstSuperadmin(username: string, password: string, ip: string | null): Promise<CreateSuperadminResult> {
  const hash = await hashNewPassword(getDb(), password);
  const now = new Date();
  try {
    await getDb().$transaction(async (tx) => {
      await tx.mailroomSetting.create({ data: { name: 'setup_completed', value: JSON.stringify(now.toISOString()) } });
      const existing = await tx.admin.count({ where: { superadmin: true } });
      const legacy = await tx.domainAdmin.count({ where: { domain: ALL_DOMAINS } });
      if (existing + legacy > 0) throw new AlreadyDone();
      await tx.admin.create({ data: { username, password: hash, superadmin: true, active: true, created: now, modified: now } });
      await tx.domainAdmin.create({ data: { username, domain: ALL_DOMAINS, active: true, created: now } });
      const settings = await getSettings(tx);
      await saveSetting(tx, 'defaultAliasTargets', {
        abuse: settings.defaultAliasTargets.abuse || username,
        hostmaster: settings.defaultAliasTargets.hostmaster || username,
        postmaster: settings.defaultAliasTargets.postmaster || username,
        webmaster: settings.defaultAliasTargets.webmaster || username,
      });
      const auditName = ip ? `setup (${ip})` : 'setup';
      await writeAuditLog(tx, { actor: { auditName }, domain: '', action: 'create_admin', data: `${username} (superadmin)` });
    });
  } catch (err) {
    if (err instanceof AlreadyDone || isUniqueViolation(err)) return 'already_done';
    throw err;
  }
  return 'created';
}

class AlreadyDone extends Error {}
