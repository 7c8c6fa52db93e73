import { VIRTUAL_ALIAS_MAPS, type MapName } from './postfix-queries';
import { localPartOf, type QueryRun, type TraceSource } from './source';

export interface AliasMatch {
  map: MapName;
  /** the key that matched: the address itself, or `@domain` (a catch-all lookup) */
  key: string;
  /** the addresses the lookup expands to, as Postfix reads them */
  results: string[];
}

export interface AliasLookup {
  queries: QueryRun[];
  match: AliasMatch | null;
  /** the lookup answered something that holds no address: Postfix defers the mail (4.6.0) */
  nonAddress?: boolean;
}

/**
 * Splits a lookup result into addresses as Postfix does (commas and white space separate them).
 * A result of the form `@otherdomain` keeps the original local part (mail_addr_map).
 */
export function readAliasResult(result: string, address: string): string[] {
  const text = result.startsWith('@') ? `${localPartOf(address)}${result}` : result;
  return text
    .split(/[\s,]+/)
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a !== '');
}

/**
 * Postfix's virtual_alias_maps lookup for one address (mail_addr_find): the full address in every
 * map, in order, then `@domain` in every map; the first map that answers wins. Without a
 * recipient_delimiter (Postfix's default) there is no extension to strip.
 */
export async function lookupVirtualAlias(source: TraceSource, address: string): Promise<AliasLookup> {
  const queries: QueryRun[] = [];
  const at = address.lastIndexOf('@');
  const keys = at > 0 ? [address, address.slice(at)] : [address];
  for (const key of keys) {
    for (const map of VIRTUAL_ALIAS_MAPS) {
      const run = await source.run(map, key);
      queries.push(run);
      // the mysql client reports an empty answer as "not found"
      const joined = run.rows.filter((r) => r !== '').join(',');
      if (joined === '') continue;
      const results = readAliasResult(joined, address);
      if (results.length === 0) return { queries, match: { map, key, results }, nonAddress: true };
      return { queries, match: { map, key, results } };
    }
  }
  return { queries, match: null };
}
