// Addresses as they reach the mailbox code from URLs and hidden fields (pure).

/** `local@domain` split at the last `@`, lowercased (stored usernames are lowercase); null if malformed. */
export function splitAddress(input: string): { address: string; localPart: string; domain: string } | null {
  const address = input.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1 || address.length > 255) return null;
  return { address, localPart: address.slice(0, at), domain: address.slice(at + 1) };
}

/** A route segment as text: percent-decoded once, or as given when it is not valid percent-encoding. */
export function decodeRouteParam(param: string): string {
  try {
    return decodeURIComponent(param);
  } catch {
    return param;
  }
}

/** The Maildir path PostfixAdmin gives a new mailbox (relative to the mail base, ending in `/`). */
export function maildirFor(localPart: string, domain: string): string {
  return `${domain}/${localPart}/`;
}

/** The link to a mailbox page, e.g. `/domains/example.org/mailboxes/alice%40example.org`. */
export function mailboxPath(username: string, sub = ''): string {
  const domain = username.slice(username.lastIndexOf('@') + 1);
  return `/domains/${encodeURIComponent(domain)}/mailboxes/${encodeURIComponent(username)}${sub ? `/${sub}` : ''}`;
}
