import { expandPostfixQuery, POSTFIX_QUERIES, type MapName } from './postfix-queries';
import { domainOf, localPartOf, type TraceSource } from './source';

export interface MemoryTables {
  domains?: { domain: string; active?: boolean; backupmx?: boolean; transport?: string }[];
  aliases?: { address: string; goto: string; active?: boolean }[];
  mailboxes?: { username: string; active?: boolean }[];
  aliasDomains?: { aliasDomain: string; targetDomain: string; active?: boolean }[];
}

/**
 * A TraceSource over rows held in memory, answering each documented query with the same meaning as
 * its SQL (the integration tests check the SQL itself on MariaDB). For unit tests of the resolver.
 */
export function memoryTraceSource(tables: MemoryTables): TraceSource {
  const domains = new Map((tables.domains ?? []).map((d) => [d.domain, { active: d.active ?? true, backupmx: d.backupmx ?? false, transport: d.transport ?? 'virtual' }]));
  const aliases = new Map((tables.aliases ?? []).map((a) => [a.address, { goto: a.goto, active: a.active ?? true }]));
  const mailboxes = new Map((tables.mailboxes ?? []).map((m) => [m.username, { active: m.active ?? true }]));
  const aliasDomains = new Map((tables.aliasDomains ?? []).map((a) => [a.aliasDomain, { targetDomain: a.targetDomain, active: a.active ?? true }]));
  const activeAliasGoto = (address: string) => {
    const row = aliases.get(address);
    return row?.active ? [row.goto] : [];
  };
  const viaAliasDomain = (domain: string, read: (target: string) => string[]) => {
    const ad = aliasDomains.get(domain);
    return ad?.active ? read(ad.targetDomain) : [];
  };
  const answer = (map: MapName, key: string): string[] => {
    const local = localPartOf(key);
    const domain = domainOf(key);
    switch (map) {
      case 'virtual_mailbox_domains': {
        const d = domains.get(key);
        return d?.active && !d.backupmx ? [key] : [];
      }
      case 'relay_domains': {
        const d = domains.get(key);
        return d?.active && d.backupmx ? [key] : [];
      }
      case 'transport_maps': {
        const d = domains.get(key);
        return d?.active ? [d.transport] : [];
      }
      case 'virtual_alias_maps':
        return activeAliasGoto(key);
      case 'virtual_alias_domain_maps':
        return viaAliasDomain(domain, (t) => activeAliasGoto(`${local}@${t}`));
      case 'virtual_alias_domain_catchall_maps':
        return viaAliasDomain(domain, (t) => activeAliasGoto(`@${t}`));
      case 'virtual_mailbox_maps':
        return mailboxes.get(key)?.active ? [`${domain}/${local}/`] : [];
      case 'virtual_alias_domain_mailbox_maps':
        return viaAliasDomain(domain, (t) => (mailboxes.get(`${local}@${t}`)?.active ? [`${t}/${local}/`] : []));
    }
  };
  return {
    async run(map, rawKey) {
      const query = expandPostfixQuery(POSTFIX_QUERIES[map], rawKey);
      const key = rawKey.toLowerCase();
      return { map, key: rawKey, sql: query?.display ?? null, rows: query ? answer(map, key) : [] };
    },
    aliasRow: async (address) => aliases.get(address) ?? null,
    mailboxRow: async (username) => mailboxes.get(username) ?? null,
    domainRow: async (domain) => domains.get(domain) ?? null,
    aliasDomainRow: async (domain) => aliasDomains.get(domain) ?? null,
  };
}
