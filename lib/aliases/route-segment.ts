/**
 * An address from a route segment. Links encode it with encodeURIComponent; whether the router
 * hands it back decoded or not, an address always holds an '@', so an '@' means it is decoded.
 */
export function addressFromSegment(segment: string): string {
  if (segment.includes('@')) return segment.toLowerCase();
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/** The path of an alias's page (or of one of its sub-pages). */
export function aliasPath(domain: string, address: string, sub = ''): string {
  return `/domains/${encodeURIComponent(domain)}/aliases/${encodeURIComponent(address)}${sub ? `/${sub}` : ''}`;
}
