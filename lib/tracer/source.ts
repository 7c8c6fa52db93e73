import type { MapName } from './postfix-queries';

/** One documented Postfix lookup as it ran: its key, the SQL Postfix would send, and what came back. */
export interface QueryRun {
  map: MapName;
  key: string;
  /** the SQL as Postfix sends it; null when Postfix would not run the query for this key */
  sql: string | null;
  rows: string[];
}

/**
 * What the tracer needs from the database: Postfix's own lookups, plus the raw rows (active or not)
 * that explain why a lookup found nothing. Small, so the resolver can be tested without a database.
 */
export interface TraceSource {
  run(map: MapName, key: string): Promise<QueryRun>;
  aliasRow(address: string): Promise<{ goto: string; active: boolean } | null>;
  mailboxRow(username: string): Promise<{ active: boolean } | null>;
  domainRow(domain: string): Promise<{ active: boolean; backupmx: boolean; transport: string } | null>;
  aliasDomainRow(aliasDomain: string): Promise<{ targetDomain: string; active: boolean } | null>;
}

/** The domain part of an address (after the last '@'), lowercased. */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** The local part of an address (before the last '@'). */
export function localPartOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at);
}
