import { normalizeDomainName } from '@/lib/domains/domain-name';
import { checkLocalPart } from '@/lib/mailboxes/schema';
import { mapPassword } from './passwords';
import type { CyradmAccount, CyradmDomain, Existing, PlanItem, PlannedDomain, PlannedMailbox, PlanOptions } from './types';

const KIB = 1024n;

/** The mailbox quota in bytes: the account's own STORAGE limit on Cyrus when read, else its domain's default. */
function quotaBytes(account: CyradmAccount, defaultKib: number, options: PlanOptions): bigint {
  const fromCyrus = options.cyrusQuotas?.get(account.username);
  if (fromCyrus !== undefined) return fromCyrus === null ? 0n : BigInt(fromCyrus) * KIB;
  return defaultKib > 0 ? BigInt(defaultKib) * KIB : 0n;
}

/**
 * Accounts become mailboxes when their username is an address of their own (imported) domain
 * (web-cyradm with DOMAIN_AS_PREFIX and FQUN, the virtdomains setup), lowercased for Postfix.
 */
export function planMailboxes(
  accounts: readonly CyradmAccount[],
  cyradmDomains: readonly CyradmDomain[],
  domains: readonly PlannedDomain[],
  existing: Existing,
  options: PlanOptions,
  skipped: PlanItem[],
  notes: PlanItem[],
): PlannedMailbox[] {
  const planned = new Map(domains.map((d) => [d.domain, d]));
  const defaults = new Map(cyradmDomains.map((d) => [normalizeDomainName(d.domainName), d] as const).flatMap(([n, d]) => (n.ok ? [[n.ascii, d.quota] as const] : [])));
  const byLower = new Map<string, number>();
  for (const a of accounts) byLower.set(a.username.toLowerCase(), (byLower.get(a.username.toLowerCase()) ?? 0) + 1);
  const out: PlannedMailbox[] = [];
  for (const a of accounts) {
    const skip = (key: string) => skipped.push({ kind: 'account', name: a.username, key: `import.reasons.${key}` });
    if (a.domainName.trim() === '') {
      skip(a.username === 'cyrus' ? 'cyrusAdmin' : 'accountNoDomain');
      continue;
    }
    const username = a.username.toLowerCase();
    const at = username.lastIndexOf('@');
    const domainName = normalizeDomainName(a.domainName);
    if (at <= 0 || !domainName.ok || username.slice(at + 1) !== domainName.ascii) {
      skip('accountNotAddress');
      continue;
    }
    const domain = domainName.ascii;
    const local = checkLocalPart(username.slice(0, at));
    if (!local.ok || local.localPart !== username.slice(0, at)) {
      skip('accountLocalPart');
      continue;
    }
    if ((byLower.get(username) ?? 0) > 1) {
      skip('accountCaseConflict');
      continue;
    }
    if (!planned.has(domain)) {
      skip('accountDomainSkipped');
      continue;
    }
    if (existing.addresses.has(username)) {
      skip('accountExists');
      continue;
    }
    const password = mapPassword(a.password, options.passwords);
    if (!password.ok) {
      skipped.push({ kind: 'account', name: a.username, key: password.reason });
      continue;
    }
    const note = (key: string) => notes.push({ kind: 'account', name: username, key: `import.notes.${key}` });
    if (a.username !== username) note('lowercased');
    if (!password.stored.startsWith('{CRYPT}')) note('passwordNotCrypt');
    // web-cyradm's service switches only gate logins (pam_mysql); mail kept arriving. Mailroom has no
    // such switch, and an inactive mailbox would refuse mail: it stays active, with a note.
    if (a.imap === 0 && a.pop === 0) note('servicesOff');
    const quota = quotaBytes(a, defaults.get(domain) ?? 0, options);
    const maxquota = BigInt(planned.get(domain)?.maxquotaMb ?? 0) * 1_024_000n;
    // kept as Cyrus has it; Mailroom's form will ask for a quota within the limit on the next edit
    if (maxquota > 0n && (quota === 0n || quota > maxquota)) note('quotaAboveDomainMax');
    out.push({ username, localPart: local.localPart, domain, password: password.stored, quotaBytes: quota });
  }
  return out;
}
