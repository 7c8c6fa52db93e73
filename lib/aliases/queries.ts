import 'server-only';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb, type Db, type Tx } from '@/lib/db/client';
import { capCount, COUNT_CAP, type CappedCount, type Cursor, type KeysetOptions, type KeysetPage } from '@/lib/pagination/keyset';
import { domainOf } from '@/lib/tracer/source';
import { countAliasRows, findAliasPage } from './list';

export interface AliasRow {
  address: string;
  destinations: string[];
  active: boolean;
  modified: Date;
  isCatchAll: boolean;
}

export function splitGoto(goto: string): string[] {
  return goto.split(',').map((a) => a.trim()).filter((a) => a !== '');
}

function toRow(r: { address: string; goto: string; active: boolean; modified: Date }): AliasRow {
  return { address: r.address, destinations: splitGoto(r.goto), active: r.active, modified: r.modified, isCatchAll: r.address.startsWith('@') };
}

/**
 * One page of a domain's aliases (mailboxes' own alias rows left out), optionally those whose
 * address starts with `q`, at `cursor`; the total is counted up to COUNT_CAP (`options` lowers it in
 * tests). Null when the actor may not manage the domain.
 */
export async function listAliases(actor: Actor, domain: string, opts: { q?: string; cursor?: Cursor }, options?: KeysetOptions): Promise<KeysetPage<AliasRow> | null> {
  const name = domain.toLowerCase();
  if (!canManageDomain(actor, name)) return null;
  const found = await findAliasPage(getDb(), name, opts.q ?? '', opts.cursor ?? { kind: 'first' }, options);
  return { ...found, rows: found.rows.map(toRow) };
}

/** Whether an address belongs to a mailbox (its alias row is then the mailbox's, not an alias). */
export async function isMailboxAddress(db: Db | Tx, address: string): Promise<boolean> {
  return (await db.mailbox.count({ where: { username: address } })) > 0;
}

/** An alias (not a mailbox's own row) the actor may manage, or null: callers answer 404 either way. */
export async function findAliasForActor(actor: Actor, address: string): Promise<(AliasRow & { domain: string }) | null> {
  const key = address.trim().toLowerCase();
  if (!canManageDomain(actor, domainOf(key))) return null;
  const db = getDb();
  const row = await db.alias.findUnique({ where: { address: key }, select: { address: true, goto: true, active: true, modified: true, domain: true } });
  if (!row || row.domain.toLowerCase() !== domainOf(key) || (await isMailboxAddress(db, key))) return null;
  return { ...toRow(row), domain: row.domain };
}

/** Aliases in a domain, without mailboxes' own rows, counted only up to `cap` (enough to test a limit). */
export function countAliases(db: Db | Tx, domain: string, cap: number): Promise<number> {
  return countAliasRows(db, domain, null, cap);
}

/** The domain's aliases (all of them, whatever the search), counted up to COUNT_CAP, for the limit in the list's header. */
export async function getAliasUsage(actor: Actor, domain: string): Promise<CappedCount | null> {
  const name = domain.toLowerCase();
  if (!canManageDomain(actor, name)) return null;
  return capCount(await countAliases(getDb(), name, COUNT_CAP + 1), COUNT_CAP);
}
