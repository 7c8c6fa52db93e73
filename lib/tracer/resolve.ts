import { lookupVirtualAlias, type AliasMatch } from './alias-lookup';
import { classifyDomain, resolveDelivery, type Delivery, type DomainClass, type DomainInfo } from './delivery';
import { expandVirtualAliases, type Expansion, type ExpansionFailure, type ExpansionNode } from './expand';
import { domainOf, type QueryRun, type TraceSource } from './source';

export type MatchKind = 'alias' | 'catchall' | 'aliasDomain' | 'aliasDomainCatchall';

export type TraceFlag =
  | { code: 'aliasInactive' }
  | { code: 'catchallInactive'; catchall: string }
  | { code: 'aliasDomain'; aliasDomain: string; targetDomain: string }
  | { code: 'aliasDomainInactive'; aliasDomain: string; targetDomain: string }
  | { code: 'targetNotManaged' };

export interface TraceNode {
  address: string;
  /** in a domain the actor does not manage: nothing more is shown */
  hidden: boolean;
  queries: QueryRun[];
  match: (Omit<AliasMatch, 'results'> & { kind: MatchKind }) | null;
  results: string[];
  flags: TraceFlag[];
  /** 'self': expanded into itself before, so delivered as is; 'repeat': seen above in this branch (a loop) */
  stop: 'self' | 'repeat' | null;
  delivery: Delivery | null;
  children: TraceNode[];
}

export interface TraceResult {
  address: string;
  /** what Postfix's SMTP server says to mail from the internet for this recipient */
  reception: { domainClass: DomainClass; accepted: boolean };
  root: TraceNode;
  failure: ExpansionFailure | null;
  /** final recipients the actor may see, with their fate; hiddenCount more lie outside their domains */
  deliveries: { address: string; delivery: Delivery }[];
  hiddenCount: number;
}

function matchKind(match: AliasMatch): MatchKind {
  if (match.map === 'virtual_alias_domain_maps') return 'aliasDomain';
  if (match.map === 'virtual_alias_domain_catchall_maps') return 'aliasDomainCatchall';
  return match.key.startsWith('@') ? 'catchall' : 'alias';
}

/**
 * Follows an address through Postfix as configured for PostfixAdmin's schema: domain class, virtual
 * alias expansion (recursive, Postfix's limits), then each final recipient's delivery. `canSee`
 * limits what is shown to the domains the actor manages; the expansion itself is complete.
 */
export async function resolveAddress(source: TraceSource, address: string, canSee: (domain: string) => boolean): Promise<TraceResult> {
  const domains = new Map<string, Promise<DomainInfo>>();
  const domainInfo = (domain: string) => {
    let info = domains.get(domain);
    if (!info) {
      info = classifyDomain(source, domain);
      domains.set(domain, info);
    }
    return info;
  };
  const expansion = await expandVirtualAliases((a) => lookupVirtualAlias(source, a), address);
  const deliveries = new Map<string, Promise<Delivery>>();
  const deliveryOf = (a: string) => {
    let d = deliveries.get(a);
    if (!d) {
      d = domainInfo(domainOf(a)).then((info) => resolveDelivery(source, a, info));
      deliveries.set(a, d);
    }
    return d;
  };

  const build = async (node: ExpansionNode, ancestors: ReadonlySet<string>): Promise<TraceNode> => {
    const base: TraceNode = { address: node.address, hidden: false, queries: [], match: null, results: [], flags: [], stop: null, delivery: null, children: [] };
    if (!canSee(domainOf(node.address))) return { ...base, hidden: true, delivery: { kind: 'hidden' } };
    const match = node.lookup?.match ?? null;
    const view: TraceNode = { ...base, queries: node.lookup?.queries ?? [], flags: await explain(source, node.address, match) };
    if (node.fixed) view.stop = 'self';
    if (match) {
      view.match = { map: match.map, key: match.key, kind: matchKind(match) };
      if (ancestors.has(node.address)) return { ...view, stop: 'repeat' };
      const target = view.flags.find((f) => f.code === 'aliasDomain');
      if (target?.code === 'aliasDomain' && !canSee(target.targetDomain)) return { ...view, flags: [...view.flags, { code: 'targetNotManaged' }] };
      view.results = match.results;
      const inBranch = new Set(ancestors).add(node.address);
      for (const id of node.children) {
        const child = expansion.nodes[id];
        if (child) view.children.push(await build(child, inBranch));
      }
      return view;
    }
    if (!expansion.failure && (node.lookup || node.fixed)) view.delivery = await deliveryOf(node.address);
    return view;
  };

  const rootNode = expansion.nodes[0];
  if (!rootNode) throw new Error('expansion has no root');
  const root = await build(rootNode, new Set());
  const rootInfo = await domainInfo(domainOf(address));
  const accepted = rootInfo.domainClass === 'relay' || (rootInfo.domainClass === 'virtual' && (rootNode.lookup?.match != null || (await deliveryOf(address)).kind === 'mailbox'));
  const summary = await summarize(expansion, deliveryOf, canSee);
  return { address, reception: { domainClass: rootInfo.domainClass, accepted }, root, failure: expansion.failure, ...summary };
}

async function summarize(expansion: Expansion, deliveryOf: (a: string) => Promise<Delivery>, canSee: (domain: string) => boolean) {
  const visible: { address: string; delivery: Delivery }[] = [];
  let hiddenCount = 0;
  for (const address of expansion.recipients) {
    if (canSee(domainOf(address))) visible.push({ address, delivery: await deliveryOf(address) });
    else hiddenCount++;
  }
  return { deliveries: visible, hiddenCount };
}

/** Why a lookup answered what it did: inactive rows Postfix skipped, catch-all and alias-domain use. */
async function explain(source: TraceSource, address: string, match: AliasMatch | null): Promise<TraceFlag[]> {
  const flags: TraceFlag[] = [];
  const domain = domainOf(address);
  const kind = match ? matchKind(match) : null;
  if (kind !== 'alias') {
    const own = await source.aliasRow(address);
    if (own && !own.active) flags.push({ code: 'aliasInactive' });
  }
  const aliasDomain = kind === 'alias' ? null : await source.aliasDomainRow(domain);
  if (aliasDomain) {
    const pair = { aliasDomain: domain, targetDomain: aliasDomain.targetDomain };
    if (kind === 'aliasDomain' || kind === 'aliasDomainCatchall') flags.push({ code: 'aliasDomain', ...pair });
    else if (!aliasDomain.active) flags.push({ code: 'aliasDomainInactive', ...pair });
  }
  if (kind === null) {
    const catchall = await source.aliasRow(`@${domain}`);
    if (catchall && !catchall.active) flags.push({ code: 'catchallInactive', catchall: `@${domain}` });
  }
  return flags;
}
