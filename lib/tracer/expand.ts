import type { AliasLookup } from './alias-lookup';

// Postfix's defaults: virtual_alias_recursion_limit, virtual_alias_expansion_limit,
// virtual_alias_address_length_limit. Past any of them the cleanup server defers the message.
export const RECURSION_LIMIT = 1000;
export const EXPANSION_LIMIT = 1000;
export const ADDRESS_LENGTH_LIMIT = 1000;

export interface ExpansionNode {
  id: number;
  address: string;
  parent: number | null;
  /** null when the address was not looked up (already known to expand into itself, or never reached) */
  lookup: AliasLookup | null;
  children: number[];
  /** the address expanded into itself earlier: Postfix stops here and delivers it as is */
  fixed: boolean;
}

export type ExpansionFailure =
  | { reason: 'loop'; cycle: string[] }
  | { reason: 'expansionLimit' }
  | { reason: 'addressLength'; address: string }
  | { reason: 'nonAddress'; address: string };

export interface Expansion {
  nodes: ExpansionNode[];
  /** the final recipients, without duplicates (cleanup drops duplicate recipients) */
  recipients: string[];
  /** set when Postfix would defer the message ("4.6.0 Alias expansion error") */
  failure: ExpansionFailure | null;
}

/** The repeating part of a chain of addresses: from the first address seen twice to its repetition. */
export function findCycle(chain: readonly string[]): string[] {
  const seen = new Map<string, number>();
  for (let i = 0; i < chain.length; i++) {
    const address = chain[i] ?? '';
    const first = seen.get(address);
    if (first !== undefined) return chain.slice(first, i + 1);
    seen.set(address, i);
  }
  return [...chain];
}

/**
 * Postfix's virtual alias expansion (cleanup_map1n), step for step: each address is looked up, its
 * first result replaces it and is looked up again, further results are appended and expanded in
 * turn; an address whose expansion contains itself is marked and never expanded again. Lookups are
 * cached per address, so a loop costs Postfix's 1000 steps in memory, not in queries.
 */
export async function expandVirtualAliases(lookup: (address: string) => Promise<AliasLookup>, start: string): Promise<Expansion> {
  const cache = new Map<string, Promise<AliasLookup>>();
  const cachedLookup = (address: string) => {
    let hit = cache.get(address);
    if (!hit) {
      hit = lookup(address);
      cache.set(address, hit);
    }
    return hit;
  };
  const nodes: ExpansionNode[] = [];
  const addNode = (address: string, parent: number | null) => {
    nodes.push({ id: nodes.length, address, parent, lookup: null, children: [], fixed: false });
    return nodes.length - 1;
  };
  const argv = [addNode(start.toLowerCase(), null)];
  const fixed = new Set<string>();
  const done = (failure: ExpansionFailure | null): Expansion => ({
    nodes,
    recipients: failure ? [] : [...new Set(argv.map((id) => nodes[id]?.address ?? ''))],
    failure,
  });

  for (let arg = 0; arg < argv.length; arg++) {
    if (argv.length > EXPANSION_LIMIT) return done({ reason: 'expansionLimit' });
    const chain: string[] = [];
    for (let count = 0; ; count++) {
      const node = nodes[argv[arg] ?? -1];
      if (!node) break;
      if (fixed.has(node.address)) {
        node.fixed = true;
        break;
      }
      if (count >= RECURSION_LIMIT) return done({ reason: 'loop', cycle: findCycle(chain) });
      chain.push(node.address);
      node.lookup = await cachedLookup(node.address);
      const match = node.lookup.match;
      if (!match) break;
      if (node.lookup.nonAddress) return done({ reason: 'nonAddress', address: node.address });
      const tooLong = match.results.find((r) => r.length > ADDRESS_LENGTH_LIMIT);
      if (tooLong !== undefined) return done({ reason: 'addressLength', address: tooLong });
      node.children = match.results.map((r) => addNode(r, node.id));
      argv[arg] = node.children[0] ?? node.id;
      argv.push(...node.children.slice(1));
      // an address may expand into itself once (a mailbox keeping a copy of its forwarded mail)
      if (match.results.includes(node.address)) fixed.add(node.address);
    }
  }
  return done(null);
}
