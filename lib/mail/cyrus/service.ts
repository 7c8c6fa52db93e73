import 'server-only';
import { randomBytes } from 'node:crypto';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageDomains, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { isUniqueViolation } from '@/lib/db/errors';
import { maildirFor } from '@/lib/mailboxes/address';
import { LIMITS_TRANSACTION, lockDomain } from '@/lib/mailboxes/domain-limits';
import { hashPassword } from '@/lib/passwords/hash';
import { cyrusErrorKey } from './error-keys';
import { CyrusNameRefusedError, parseCyrusUser } from './names';
import { deleteCyrusMailbox, ensureCyrusMailbox, readCyrusUsage } from './operations';
import { isDeletableOrphan, mailboxSpecs, reconcileCyrus } from './reconcile';
import { getCyrusConnection } from './settings';

// The superadmin's fixes on the Cyrus page, one per kind of difference. Each recomputes the lists
// on the server (never trusting a list from the browser), works mailbox by mailbox, audits each
// success, and stops at the first "Cyrus unavailable" (the rest would fail the same way).

export interface FixState extends ActionState {
  done?: string[];
  failed?: { username: string; reason: string }[];
}

const FORBIDDEN: FixState = { message: 'errors.notFound' };

async function audit(actor: Actor, domain: string, action: 'cyrus_create_mailbox' | 'cyrus_delete_mailbox' | 'create_mailbox', data: string): Promise<void> {
  await getDb().$transaction((tx) => writeAuditLog(tx, { actor, domain, action, data }));
}

/** Runs `work` per item; stops at the first Cyrus-unavailable error. */
async function eachOnCyrus(items: string[], work: (username: string) => Promise<void>, okMessage: string): Promise<FixState> {
  const done: string[] = [];
  const failed: { username: string; reason: string }[] = [];
  for (const username of items) {
    try {
      await work(username);
      done.push(username);
    } catch (err) {
      const reason = cyrusErrorKey(err);
      failed.push({ username, reason });
      if (reason === 'cyrus.errors.unavailable' || reason === 'cyrus.errors.auth') break;
    }
  }
  const message = failed.length === 0 ? okMessage : done.length === 0 ? failed[0]?.reason ?? okMessage : 'cyrus.fix.partly';
  return { ok: failed.length === 0, message, done, failed };
}

async function connectionAndLists(actor: Actor) {
  if (!canManageDomains(actor)) return null;
  const db = getDb();
  const conn = await getCyrusConnection(db);
  return { db, conn, lists: await reconcileCyrus(db, conn) };
}

/** Wraps a fix: the superadmin only; a missing configuration or an unreachable Cyrus is an answer, not a crash. */
async function fix(actor: Actor, run: (ctx: NonNullable<Awaited<ReturnType<typeof connectionAndLists>>>) => Promise<FixState>): Promise<FixState> {
  try {
    const ctx = await connectionAndLists(actor);
    return ctx ? await run(ctx) : FORBIDDEN;
  } catch (err) {
    return { message: cyrusErrorKey(err) };
  }
}

/** Creates on Cyrus every mailbox of a Cyrus-backed domain that Cyrus does not have (with quota and folders). */
export function createMissingOnCyrus(actor: Actor): Promise<FixState> {
  return fix(actor, async ({ db, conn, lists }) => {
    const specs = new Map((await mailboxSpecs(db, lists.missingOnCyrus)).map((s) => [s.username, s]));
    return eachOnCyrus([...specs.keys()], async (username) => {
      const spec = specs.get(username);
      if (!spec) return;
      await ensureCyrusMailbox(conn, spec);
      await audit(actor, parseCyrusUser(username).domain, 'cyrus_create_mailbox', username);
    }, 'cyrus.fix.created');
  });
}

/** Deletes on Cyrus the user mailboxes no Mailroom mailbox accounts for (and the mail in them). */
export function deleteOrphansOnCyrus(actor: Actor): Promise<FixState> {
  return fix(actor, async ({ conn, lists }) => {
    const names = lists.orphansOnCyrus.filter(isDeletableOrphan).map((o) => o.username);
    return eachOnCyrus(names, async (username) => {
      await deleteCyrusMailbox(conn, username);
      await audit(actor, parseCyrusUser(username).domain, 'cyrus_delete_mailbox', `${username} (no Mailroom mailbox)`);
    }, 'cyrus.fix.deleted');
  });
}

/** Makes each adoptable orphan a Mailroom mailbox (quota from Cyrus, an unknown random password to reset). */
export function adoptOrphansOnCyrus(actor: Actor): Promise<FixState> {
  return fix(actor, async ({ conn, lists }) => {
    const names = lists.orphansOnCyrus.filter((o) => o.status === 'adoptable').map((o) => o.username);
    const usage = names.length ? await readCyrusUsage(conn, names) : new Map();
    return eachOnCyrus(names, async (username) => {
      const limit = usage.get(username)?.limitKib ?? null;
      await adoptMailbox(actor, username, limit === null ? 0n : BigInt(limit) * 1024n);
    }, 'cyrus.fix.adopted');
  });
}

async function adoptMailbox(actor: Actor, username: string, quotaBytes: bigint): Promise<void> {
  const { localPart, domain } = parseCyrusUser(username);
  // nobody knows this password: the mailbox gets a real one from an admin (mailbox page)
  const password = await hashPassword(randomBytes(24).toString('base64'));
  try {
    await getDb().$transaction(async (tx) => {
      if (!(await lockDomain(tx, domain))) throw new CyrusNameRefusedError('domain', username);
      const now = new Date();
      await tx.mailbox.create({ data: { username, password, name: '', maildir: maildirFor(localPart, domain), quota: quotaBytes, localPart, domain, active: true, created: now, modified: now } });
      await tx.alias.create({ data: { address: username, goto: username, domain, active: true, created: now, modified: now } });
      await writeAuditLog(tx, { actor, domain, action: 'create_mailbox', data: `${username} (adopted from Cyrus)` });
    }, LIMITS_TRANSACTION);
  } catch (err) {
    if (isUniqueViolation(err)) throw new CyrusNameRefusedError('address', username);
    throw err;
  }
}

