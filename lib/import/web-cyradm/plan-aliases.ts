import { normalizeAddress } from '@/lib/aliases/address';
import { normalizeDomainName } from '@/lib/domains/domain-name';
import type { CyradmVirtual, Existing, PlanItem, PlannedAlias, PlannedDomain, PlannedMailbox } from './types';

// web-cyradm's `virtual` table is Postfix's virtual_alias_maps (SELECT dest FROM virtual WHERE
// alias='%s' AND status='1'): every active row of an alias adds its dest (a comma/space list) to the
// answer. Mailroom's alias rows must answer the same: one row per address, all targets joined.

/** An alias key's targets in order of first appearance (Postfix splits on commas and blanks). */
export function splitTargets(dests: readonly string[]): string[] {
  const out: string[] = [];
  for (const d of dests) for (const t of d.split(/[\s,]+/)) if (t && !out.includes(t)) out.push(t);
  return out;
}

export function planAliases(
  virtual: readonly CyradmVirtual[],
  domains: readonly PlannedDomain[],
  mailboxes: readonly PlannedMailbox[],
  skippedAccounts: ReadonlySet<string>,
  existing: Existing,
  skipped: PlanItem[],
  notes: PlanItem[],
): PlannedAlias[] {
  const importedDomains = new Set(domains.map((d) => d.domain));
  const mailboxNames = new Set(mailboxes.map((m) => m.username));
  const groups = new Map<string, { name: string; dests: string[] }>();
  for (const row of virtual) {
    if (row.status !== 1) {
      skipped.push({ kind: 'alias', name: `${row.alias} -> ${row.dest}`, key: 'import.reasons.aliasInactive' });
      continue;
    }
    // MySQL compares virtual.alias without case, as Postfix looks it up lowercased
    const key = row.alias.trim().toLowerCase();
    const group = groups.get(key) ?? { name: row.alias, dests: [] };
    group.dests.push(row.dest);
    groups.set(key, group);
  }

  const out: PlannedAlias[] = [];
  for (const [key, group] of groups) {
    const skip = (reason: string) => skipped.push({ kind: 'alias', name: group.name, key: `import.reasons.${reason}` });
    let address: string;
    let domain: string;
    if (key.startsWith('@')) {
      const d = normalizeDomainName(key.slice(1));
      if (!d.ok) {
        skip('aliasNotAddress');
        continue;
      }
      address = `@${d.ascii}`;
      domain = d.ascii;
    } else {
      const a = normalizeAddress(key);
      if (!a.ok) {
        skip('aliasNotAddress');
        continue;
      }
      address = a.address;
      domain = a.domain;
    }
    if (!importedDomains.has(domain)) {
      skip('aliasDomainSkipped');
      continue;
    }
    if (skippedAccounts.has(address)) {
      skip('aliasAccountSkipped');
      continue;
    }
    const isMailbox = mailboxNames.has(address);
    if (!isMailbox && existing.addresses.has(address)) {
      skip('aliasExists');
      continue;
    }
    const targets = splitTargets(group.dests).map((t) => normalizeAddress(t));
    // one target Mailroom cannot hold would change where the alias delivers: leave the whole alias out
    if (targets.some((t) => !t.ok)) {
      skip('aliasTarget');
      continue;
    }
    const goto = [...new Set(targets.flatMap((t) => (t.ok ? [t.address] : [])))];
    if (isMailbox && !goto.includes(address)) notes.push({ kind: 'alias', name: address, key: 'import.notes.forwardOnly' });
    out.push({ address, domain, goto, kind: isMailbox ? 'mailbox' : address.startsWith('@') ? 'catchall' : 'alias' });
  }
  // a mailbox without any virtual row still gets its own alias row (PostfixAdmin's convention)
  for (const m of mailboxes) {
    if (!groups.has(m.username)) out.push({ address: m.username, domain: m.domain, goto: [m.username], kind: 'mailbox' });
  }
  return out;
}
