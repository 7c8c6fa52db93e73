import type { Tx } from '@/lib/db/client';
import { lookupVirtualAlias } from '@/lib/tracer/alias-lookup';
import { expandVirtualAliases, type ExpansionFailure } from '@/lib/tracer/expand';
import { sqlTraceSource } from '@/lib/tracer/sql-source';
import { domainOf, localPartOf } from '@/lib/tracer/source';
import { fieldMessage } from './field-message';
import { Refusal } from './refusal';

/**
 * Destinations in a domain hosted here (a `domain` row that is not a backup MX, or an alias domain)
 * that match no alias and no mailbox, directly or through their alias domain: mail to them would
 * bounce "User unknown". Destinations elsewhere are not ours to check.
 */
export async function findMissingLocalDestinations(tx: Tx, destinations: readonly string[]): Promise<string[]> {
  const domains = [...new Set(destinations.map(domainOf))];
  if (domains.length === 0) return [];
  const [hosted, aliasDomains] = await Promise.all([
    tx.domain.findMany({ where: { domain: { in: domains }, backupmx: false }, select: { domain: true } }),
    tx.aliasDomain.findMany({ where: { aliasDomain: { in: domains } }, select: { aliasDomain: true, targetDomain: true } }),
  ]);
  const hostedSet = new Set(hosted.map((d) => d.domain.toLowerCase()));
  const targetOf = new Map(aliasDomains.map((a) => [a.aliasDomain.toLowerCase(), a.targetDomain.toLowerCase()]));
  const local = destinations.filter((d) => hostedSet.has(domainOf(d)) || targetOf.has(domainOf(d)));
  if (local.length === 0) return [];
  const candidates = (address: string) => {
    const target = targetOf.get(domainOf(address));
    return target ? [address, `${localPartOf(address)}@${target}`] : [address];
  };
  const all = [...new Set(local.flatMap(candidates))];
  const [aliases, mailboxes] = await Promise.all([
    tx.alias.findMany({ where: { address: { in: all } }, select: { address: true } }),
    tx.mailbox.findMany({ where: { username: { in: all } }, select: { username: true } }),
  ]);
  const existing = new Set([...aliases.map((a) => a.address.toLowerCase()), ...mailboxes.map((m) => m.username.toLowerCase())]);
  return local.filter((address) => !candidates(address).some((c) => existing.has(c)));
}

/** Refuses (field `field`) destinations in hosted domains that do not exist, naming them. */
export async function refuseMissingDestinations(tx: Tx, destinations: readonly string[], field: string): Promise<void> {
  const missing = await findMissingLocalDestinations(tx, destinations);
  if (missing.length) throw new Refusal({ fieldErrors: { [field]: [fieldMessage('alias.errors.missing', { addresses: missing.join(', '), count: missing.length })] } });
}

// An address that exists nowhere, to see where a catch-all sends mail for unknown addresses.
const PROBE_LOCAL_PART = 'mailroom.loop-check.0f3a9c';

/**
 * Expands `address` as Postfix would, with the transaction's uncommitted rows, and refuses (field
 * `field`) if Postfix would defer the mail: a loop, or an expansion past Postfix's limits.
 */
export async function refuseLoops(tx: Tx, address: string, field: string): Promise<void> {
  const start = address.startsWith('@') ? `${PROBE_LOCAL_PART}${address}` : address;
  const source = sqlTraceSource(tx);
  const expansion = await expandVirtualAliases((a) => lookupVirtualAlias(source, a), start);
  if (expansion.failure) throw new Refusal({ fieldErrors: { [field]: [expansionMessage(expansion.failure)] } });
}

function expansionMessage(failure: ExpansionFailure): string {
  switch (failure.reason) {
    case 'loop':
      return fieldMessage('alias.errors.loop', { cycle: failure.cycle.join(' → ') });
    case 'expansionLimit':
      return 'alias.errors.expansionLimit';
    case 'addressLength':
    case 'nonAddress':
      return fieldMessage('alias.errors.expansionError', { address: failure.address });
  }
}
