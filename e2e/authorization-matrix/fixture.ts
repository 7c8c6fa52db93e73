import { hashPassword } from '../../lib/passwords/hash';
import { seedDomain, seedDomainAdmin, seedMailbox, sql, SUPERADMIN } from '../fixtures';

// The world every matrix row runs against: domain A with an admin, a mailbox owner, an alias and
// an alias domain, the owner and a colleague each with a vacation reply on; domain B with its own
// admin; and the superadmin of the first-run wizard.

export const ROLES = ['anonymous', 'owner', 'adminB', 'adminA', 'superadmin'] as const;
export type Role = (typeof ROLES)[number];

export const F = {
  domainA: 'matrix-a.test',
  domainB: 'matrix-b.test',
  aliasDomainA: 'matrix-a-alias.test',
  adminA: { username: 'admin@matrix-a.test', password: 'matrix admin A pw' },
  adminB: { username: 'admin@matrix-b.test', password: 'matrix admin B pw' },
  owner: { username: 'owner@matrix-a.test', password: 'matrix owner pw' },
  superadmin: SUPERADMIN,
  mailboxA: 'colleague@matrix-a.test',
  vacationOfColleague: 'Colleague away',
  aliasA: 'alias@matrix-a.test',
  /** a storage job of A's mailbox that failed (its retry button) */
  failedJobA: 900_001,
  /** strings only A's data holds (not the owner's own mailbox): refused calls and foreign pages never show them */
  secrets: ['Matrix secret description of A', 'Matrix secret colleague of A', 'hidden-target-of-a@elsewhere.test'],
} as const;
export type Fixture = typeof F;

/** Username and password of each role that logs in (anonymous does not). */
export const CREDENTIALS: Record<Exclude<Role, 'anonymous'>, { username: string; password: string }> = {
  owner: F.owner,
  adminA: F.adminA,
  adminB: F.adminB,
  superadmin: F.superadmin,
};

export async function seedMatrixWorld(): Promise<void> {
  await seedDomain(F.domainA);
  await seedDomain(F.domainB);
  await sql('UPDATE domain SET description = ? WHERE domain = ?', [F.secrets[0], F.domainA]);
  await seedDomainAdmin(F.adminA.username, F.adminA.password, [F.domainA]);
  await seedDomainAdmin(F.adminB.username, F.adminB.password, [F.domainB]);
  await seedMailbox(F.owner.username, await hashPassword(F.owner.password), { name: 'Matrix Owner', quota: 10_240_000 });
  await seedMailbox(F.mailboxA, await hashPassword('colleague password'), { name: F.secrets[1] });
  await sql("REPLACE INTO alias (address, goto, domain, created, modified, active) VALUES (?, ?, ?, NOW(), NOW(), 1)", [F.aliasA, F.secrets[2], F.domainA]);
  await sql("REPLACE INTO alias_domain (alias_domain, target_domain, created, modified, active) VALUES (?, ?, NOW(), NOW(), 1)", [F.aliasDomainA, F.domainA]);
  await sql(
    "REPLACE INTO mailroom_job (id, kind, target, domain, payload, state, attempts, last_error) VALUES (?, 'maildir.create', ?, ?, ?, 'failed', 8, 'Cannot create: matrix failure')",
    [F.failedJobA, F.mailboxA, F.domainA, JSON.stringify({ maildir: `${F.domainA}/colleague/` })],
  );
  for (const [email, subject] of [[F.owner.username, 'Owner away'], [F.mailboxA, F.vacationOfColleague]]) {
    await sql("REPLACE INTO vacation (email, subject, body, cache, domain, active, activefrom, activeuntil, interval_time, created, modified) VALUES (?, ?, 'Back soon', '', ?, 1, NOW(), NOW() + INTERVAL 7 DAY, 604800, NOW(), NOW())", [email, subject, F.domainA]);
  }
}

/** Removes every row the matrix world added, so later specs find the database as before. */
export async function removeMatrixWorld(): Promise<void> {
  const domains = [F.domainA, F.domainB];
  await sql('DELETE FROM vacation WHERE domain IN (?, ?)', domains);
  await sql('DELETE FROM alias_domain WHERE alias_domain = ? OR target_domain IN (?, ?)', [F.aliasDomainA, ...domains]);
  await sql('DELETE FROM alias WHERE domain IN (?, ?)', domains);
  await sql('DELETE FROM mailbox WHERE domain IN (?, ?)', domains);
  await sql('DELETE FROM domain_admins WHERE domain IN (?, ?) OR username IN (?, ?)', [...domains, F.adminA.username, F.adminB.username]);
  await sql('DELETE FROM admin WHERE username IN (?, ?)', [F.adminA.username, F.adminB.username]);
  await sql('DELETE FROM domain WHERE domain IN (?, ?)', domains);
  await sql('DELETE FROM mailroom_job WHERE domain IN (?, ?)', domains);
}
