import { normalizeDomainName } from '@/lib/domains/domain-name';
import { transportSchema } from '@/lib/domains/schema';
import { parseFolderList } from '@/lib/mail/cyrus/names';
import type { CyradmDomain, Existing, PlanItem, PlannedDomain, PlanOptions } from './types';

/** web-cyradm KiB -> PostfixAdmin MB (1,024,000 bytes = 1000 KiB), rounded up; 0 (or less) = no limit. */
export function kibToMb(kib: number): number {
  return kib > 0 ? Math.ceil(kib / 1000) : 0;
}

/**
 * maxaccounts counts accounts (web-cyradm refuses one more when count + 1 > maxaccounts), so 0 means
 * none allowed: PostfixAdmin's -1 (disabled). Otherwise the same number.
 */
export function mailboxLimit(maxaccounts: number): number {
  return maxaccounts > 0 ? maxaccounts : -1;
}

export function planDomains(domains: readonly CyradmDomain[], existing: Existing, options: PlanOptions, skipped: PlanItem[], notes: PlanItem[]): PlannedDomain[] {
  const planned: PlannedDomain[] = [];
  const seen = new Set<string>();
  for (const d of domains) {
    const name = normalizeDomainName(d.domainName);
    const skip = (key: string) => skipped.push({ kind: 'domain', name: d.domainName, key: `import.reasons.${key}` });
    if (!name.ok) {
      skip('domainInvalid');
      continue;
    }
    if (existing.domains.has(name.ascii)) {
      skip('domainExists');
      continue;
    }
    if (seen.has(name.ascii)) {
      skip('domainDuplicate');
      continue;
    }
    seen.add(name.ascii);
    const note = (key: string) => notes.push({ kind: 'domain', name: name.ascii, key: `import.notes.${key}` });
    const transport = transportSchema.safeParse(d.transport);
    if (!transport.success || transport.data === '') note('transportReplaced');
    const folders = parseFolderList(d.folders);
    if (folders.invalid.length) note('foldersDropped');
    if (d.maxaccounts <= 0) note('noAccountsAllowed');
    planned.push({
      domain: name.ascii,
      mailboxes: mailboxLimit(d.maxaccounts),
      maxquotaMb: kibToMb(d.quota),
      quotaMb: kibToMb(d.domainquota),
      transport: transport.success && transport.data !== '' ? transport.data : options.defaultTransport,
      folders: folders.folders,
    });
  }
  return planned;
}
