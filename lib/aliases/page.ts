import 'server-only';
import { notFound } from 'next/navigation';
import { requireAdminPage } from '@/lib/auth/session';
import { findAliasForActor } from './queries';
import { addressFromSegment } from './route-segment';

/**
 * The alias of an /domains/[domain]/aliases/[alias] page, for an admin who may manage it: anything
 * else (not logged in aside, which redirects) answers 404, so a foreign alias's existence never leaks.
 */
export async function requireAliasPage(params: Promise<{ domain: string; alias: string }>) {
  const actor = await requireAdminPage();
  const { domain: domainParam, alias: aliasParam } = await params;
  const alias = await findAliasForActor(actor, addressFromSegment(aliasParam));
  const domain = decodeURIComponent(domainParam).toLowerCase();
  if (!alias || alias.domain.toLowerCase() !== domain) notFound();
  return { actor, alias, domain };
}
