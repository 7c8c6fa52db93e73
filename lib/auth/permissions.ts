/** What the acting admin may touch. Loaded fresh from the database for every request. */
export interface Actor {
  username: string;
  isSuperadmin: boolean;
  /** domains this admin manages (ignored for a superadmin, who manages every domain) */
  domains: readonly string[];
  /** for the audit log: `user (ip)`, as PostfixAdmin writes it */
  auditName: string;
}

/** PostfixAdmin's legacy marker in domain_admins.domain meaning "every domain". */
export const ALL_DOMAINS = 'ALL';

export function canManageDomain(actor: Actor, domain: string): boolean {
  return actor.isSuperadmin || actor.domains.includes(domain.toLowerCase());
}

export function canManageDomains(actor: Actor): boolean {
  return actor.isSuperadmin;
}

export function canManageAdmins(actor: Actor): boolean {
  return actor.isSuperadmin;
}
