import { normalizeAddress } from '@/lib/aliases/address';
import { normalizeDomainName } from '@/lib/domains/domain-name';
import { mapPassword } from './passwords';
import type { CyradmAdmin, CyradmDomainAdmin, Existing, PlanItem, PlannedAdmin, PlannedDomain, PlanOptions } from './types';

/**
 * web-cyradm admins: type 0 or a domainadmin row for '*' = every domain (a Mailroom superadmin);
 * else the admin of its domainadmin rows, among the imported domains. Mailroom admins log in with
 * an address: other names get `@adminDomain` when one is given.
 */
export function planAdmins(admins: readonly CyradmAdmin[], rows: readonly CyradmDomainAdmin[], domains: readonly PlannedDomain[], existing: Existing, options: PlanOptions, skipped: PlanItem[], notes: PlanItem[]): PlannedAdmin[] {
  const imported = new Set(domains.map((d) => d.domain));
  const out: PlannedAdmin[] = [];
  const seen = new Set<string>();
  for (const admin of admins) {
    const skip = (key: string) => skipped.push({ kind: 'admin', name: admin.username, key: key.startsWith('import.') ? key : `import.reasons.${key}` });
    const typed = admin.username.includes('@') ? admin.username : options.adminDomain ? `${admin.username}@${options.adminDomain}` : null;
    const address = typed === null ? null : normalizeAddress(typed);
    if (!address?.ok) {
      skip('adminNotAddress');
      continue;
    }
    const username = address.address;
    if (existing.admins.has(username) || seen.has(username)) {
      skip('adminExists');
      continue;
    }
    const own = rows.filter((r) => r.adminuser === admin.username);
    const superadmin = admin.type === 0 || own.some((r) => r.domainName.trim() === '*');
    const named = own.map((r) => normalizeDomainName(r.domainName)).flatMap((d) => (d.ok ? [d.ascii] : []));
    const assigned = [...new Set(named.filter((d) => imported.has(d)))].sort();
    if (!superadmin && assigned.length < own.length) notes.push({ kind: 'admin', name: username, key: 'import.notes.adminDomainsDropped' });
    if (!superadmin && assigned.length === 0) {
      skip('adminNoDomains');
      continue;
    }
    const password = mapPassword(admin.password, options.passwords);
    if (!password.ok) {
      skip(password.reason);
      continue;
    }
    if (username !== admin.username) notes.push({ kind: 'admin', name: username, key: 'import.notes.adminRenamed' });
    seen.add(username);
    out.push({ username, password: password.stored, superadmin, domains: superadmin ? [] : assigned });
  }
  return out;
}
