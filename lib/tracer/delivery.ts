import { VIRTUAL_MAILBOX_MAPS, type MapName } from './postfix-queries';
import { domainOf, localPartOf, type QueryRun, type TraceSource } from './source';

/**
 * How Postfix classes a domain (trivial-rewrite): hosted here (virtual_mailbox_domains), relayed as
 * backup MX (relay_domains), or anything else, which leaves the system. A domain row that is
 * inactive answers neither query, so Postfix treats it like a foreign domain.
 */
export type DomainClass = 'virtual' | 'relay' | 'inactive' | 'foreign';

export interface DomainInfo {
  domainClass: DomainClass;
  /** transport_maps' answer ('' = Postfix's default transport), null when not looked up */
  transport: string | null;
  queries: QueryRun[];
}

export type Delivery =
  | { kind: 'mailbox'; maildir: string; map: MapName; transport: string; queries: QueryRun[]; mailbox: string }
  | { kind: 'unknownUser'; queries: QueryRun[]; mailboxInactive: boolean }
  | { kind: 'relay'; transport: string; queries: QueryRun[] }
  | { kind: 'foreign'; domainInactive: boolean; queries: QueryRun[] }
  | { kind: 'hidden' };

export async function classifyDomain(source: TraceSource, domain: string): Promise<DomainInfo> {
  const queries = [await source.run('virtual_mailbox_domains', domain)];
  let domainClass: DomainClass;
  if (queries[0]?.rows.length) domainClass = 'virtual';
  else {
    const relay = await source.run('relay_domains', domain);
    queries.push(relay);
    if (relay.rows.length) domainClass = 'relay';
    else domainClass = (await source.domainRow(domain)) ? 'inactive' : 'foreign';
  }
  if (domainClass === 'foreign' || domainClass === 'inactive') return { domainClass, transport: null, queries };
  const transport = await source.run('transport_maps', domain);
  queries.push(transport);
  return { domainClass, transport: transport.rows[0] ?? '', queries };
}

/** virtual_mailbox_maps for one address: its mailbox, or through an alias domain the target's. */
export async function lookupMailbox(source: TraceSource, address: string): Promise<{ queries: QueryRun[]; maildir: string; map: MapName } | { queries: QueryRun[]; maildir: null }> {
  const queries: QueryRun[] = [];
  for (const map of VIRTUAL_MAILBOX_MAPS) {
    const run = await source.run(map, address);
    queries.push(run);
    const maildir = run.rows[0];
    if (maildir !== undefined) return { queries, maildir, map };
  }
  return { queries, maildir: null };
}

/** What happens to a final recipient once alias expansion is over. */
export async function resolveDelivery(source: TraceSource, address: string, domainInfo: DomainInfo): Promise<Delivery> {
  const { domainClass, queries } = domainInfo;
  if (domainClass === 'foreign' || domainClass === 'inactive') return { kind: 'foreign', domainInactive: domainClass === 'inactive', queries };
  const transport = domainInfo.transport ?? '';
  if (domainClass === 'relay') return { kind: 'relay', transport, queries };
  const mailbox = await lookupMailbox(source, address);
  const all = [...queries, ...mailbox.queries];
  if (mailbox.maildir !== null) {
    let username = address;
    if (mailbox.map === 'virtual_alias_domain_mailbox_maps') {
      const target = await source.aliasDomainRow(domainOf(address));
      if (target) username = `${localPartOf(address)}@${target.targetDomain}`;
    }
    return { kind: 'mailbox', maildir: mailbox.maildir, map: mailbox.map, transport, queries: all, mailbox: username };
  }
  return { kind: 'unknownUser', queries: all, mailboxInactive: await hasInactiveMailbox(source, address) };
}

async function hasInactiveMailbox(source: TraceSource, address: string): Promise<boolean> {
  const own = await source.mailboxRow(address);
  if (own) return !own.active;
  const aliasDomain = await source.aliasDomainRow(domainOf(address));
  if (!aliasDomain) return false;
  const target = await source.mailboxRow(`${localPartOf(address)}@${aliasDomain.targetDomain}`);
  return target !== null && (!target.active || !aliasDomain.active);
}
