import { normalizeAddress } from '@/lib/aliases/address';
import { normalizeDomainName } from '@/lib/domains/domain-name';
import { planAdmins } from './plan-admins';
import { planAliases } from './plan-aliases';
import { planMailboxes } from './plan-accounts';
import { planDomains } from './plan-domains';
import type { CyradmData, Existing, ImportPlan, PlanItem, PlanOptions } from './types';

/**
 * What importing a web-cyradm database creates in Mailroom, and what it cannot (with reasons):
 * pure, so the dry run and the import make the same plan from the same data.
 */
export function planImport(data: CyradmData, existing: Existing, options: PlanOptions): ImportPlan {
  const skipped: PlanItem[] = [];
  const notes: PlanItem[] = [];
  const domains = planDomains(data.domains, existing, options, skipped, notes);
  const mailboxes = planMailboxes(data.accounts, data.domains, domains, existing, options, skipped, notes);
  const skippedAccounts = new Set(skipped.filter((s) => s.kind === 'account').map((s) => s.name.toLowerCase()));
  const aliases = planAliases(data.virtual, domains, mailboxes, skippedAccounts, existing, skipped, notes);
  const admins = planAdmins(data.admins, data.domainAdmins, domains, existing, options, skipped, notes);
  return { domains, mailboxes, aliases, admins, skipped, notes };
}

/** Every name the plan could collide with in Mailroom, lowercase (to look up what exists first). */
export function candidateNames(data: CyradmData, options: Pick<PlanOptions, 'adminDomain'>): { domains: string[]; addresses: string[]; admins: string[] } {
  const domain = (s: string) => {
    const d = normalizeDomainName(s);
    return d.ok ? [d.ascii] : [];
  };
  const address = (s: string) => {
    if (s.trim().startsWith('@')) return domain(s.trim().slice(1)).map((d) => `@${d}`);
    const a = normalizeAddress(s);
    return a.ok ? [a.address] : [];
  };
  return {
    domains: [...new Set(data.domains.flatMap((d) => domain(d.domainName)))],
    addresses: [...new Set([...data.accounts.flatMap((a) => address(a.username)), ...data.virtual.flatMap((v) => address(v.alias))])],
    admins: [...new Set(data.admins.flatMap((a) => address(a.username.includes('@') || !options.adminDomain ? a.username : `${a.username}@${options.adminDomain}`)))],
  };
}
