import 'server-only';
import { normalizeAddress } from '@/lib/aliases/address';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { resolveAddress, type TraceResult } from './resolve';
import { sqlTraceSource } from './sql-source';

export type TraceAnswer = { kind: 'invalid'; error: string } | { kind: 'notManaged'; address: string } | ({ kind: 'trace' } & TraceResult);

/**
 * How the mail system resolves an address, step by step, as far as the actor may see: a domain
 * admin asking about a domain they do not manage learns only that (no query is even run).
 */
export async function traceAddress(actor: Actor, input: string): Promise<TraceAnswer> {
  const parsed = normalizeAddress(input);
  if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
  if (!canManageDomain(actor, parsed.domain)) return { kind: 'notManaged', address: parsed.address };
  const result = await resolveAddress(sqlTraceSource(getDb()), parsed.address, (domain) => canManageDomain(actor, domain));
  return { kind: 'trace', ...result };
}
