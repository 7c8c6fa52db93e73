import { ALL_DOMAINS } from '@/lib/auth/permissions';

// Pure rules for admins and their domains, PostfixAdmin-compatible (see shared/COMPAT.md).

/**
 * Whether an admin is a superadmin: the `superadmin` flag, or (PostfixAdmin 2.x/3.x databases) an
 * active `domain_admins` row for the pseudo-domain `ALL`.
 */
export function isSuperadminRecord(flag: boolean, rows: readonly { domain: string; active: boolean }[]): boolean {
  return flag || rows.some((r) => r.active && r.domain === ALL_DOMAINS);
}

/** The real domains an admin is assigned to (active rows, without `ALL`), sorted, lowercase, unique. */
export function assignedDomains(rows: readonly { domain: string; active: boolean }[]): string[] {
  return [...new Set(rows.filter((r) => r.active && r.domain !== ALL_DOMAINS).map((r) => r.domain.toLowerCase()))].sort();
}

/** What to add and remove to go from one set of assigned domains to another. */
export function diffDomains(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const b = new Set(before);
  const a = new Set(after);
  return { added: [...a].filter((d) => !b.has(d)).sort(), removed: [...b].filter((d) => !a.has(d)).sort() };
}

export type SelfRuleError = 'selfDelete' | 'selfDemote' | 'selfDeactivate';

/**
 * Changes an admin may not make to their own account (they would lock themselves out, or leave
 * the panel without a superadmin): returns the first one the change would make, or null.
 */
export function selfChangeError(
  actorUsername: string,
  target: string,
  change: { delete?: boolean; superadmin?: boolean; active?: boolean },
): SelfRuleError | null {
  if (actorUsername !== target) return null;
  if (change.delete) return 'selfDelete';
  if (change.superadmin === false) return 'selfDemote';
  if (change.active === false) return 'selfDeactivate';
  return null;
}

/**
 * Whether a change leaves no active superadmin: `activeSuperadmins` are the active superadmins now,
 * `target` loses its superadmin power (demoted, deactivated or deleted).
 */
export function removesLastSuperadmin(activeSuperadmins: readonly string[], target: string): boolean {
  return activeSuperadmins.includes(target) && activeSuperadmins.every((u) => u === target);
}

/** One audit line listing what changed: `field: old -> new; ...` (never a password). */
export function describeChanges(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after)
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${before[k] ?? ''} -> ${after[k]}`);
}
