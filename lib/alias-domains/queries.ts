import 'server-only';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';

export interface AliasDomainRow {
  aliasDomain: string;
  targetDomain: string;
  active: boolean;
  modified: Date;
  /** the actor may activate, deactivate or delete it (they manage its alias domain) */
  canChange: boolean;
}

/** The alias domains that point to `domain`, and the one `domain` itself is an alias of; null if not the actor's. */
export async function listAliasDomains(actor: Actor, domain: string): Promise<{ incoming: AliasDomainRow[]; outgoing: AliasDomainRow | null } | null> {
  const name = domain.toLowerCase();
  if (!canManageDomain(actor, name)) return null;
  const rows = await getDb().aliasDomain.findMany({
    where: { OR: [{ aliasDomain: name }, { targetDomain: name }] },
    orderBy: { aliasDomain: 'asc' },
    select: { aliasDomain: true, targetDomain: true, active: true, modified: true },
  });
  const view = rows.map((r) => ({ ...r, canChange: canManageDomain(actor, r.aliasDomain) }));
  return { incoming: view.filter((r) => r.targetDomain.toLowerCase() === name), outgoing: view.find((r) => r.aliasDomain.toLowerCase() === name) ?? null };
}

/** One alias domain the actor may change, for its delete confirmation; null answers 404. */
export async function findAliasDomainForActor(actor: Actor, aliasDomain: string) {
  const name = aliasDomain.toLowerCase();
  if (!canManageDomain(actor, name)) return null;
  return getDb().aliasDomain.findUnique({ where: { aliasDomain: name }, select: { aliasDomain: true, targetDomain: true, active: true } });
}
