'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { adminAction } from '@/lib/actions/admin-action';
import { canManageDomains } from '@/lib/auth/permissions';
import { writeAuditLog } from '@/lib/audit-log/write';
import { getDb } from '@/lib/db/client';
import { changeSettings } from '@/lib/settings/audit';
import { getDefaultStorageBackend, getDomainStorage, keepPopulatedDomainsOn, saveDefaultStorageBackend, saveDomainStorage } from '@/lib/settings/storage-backend';
import { withAdminSession } from './operations';
import { cyrusSettingsSchema, deleteOrphansSchema, domainStorageSchema } from './schema';
import { cyrusErrorKey } from './error-keys';
import { adoptOrphansOnCyrus, createMissingOnCyrus, deleteOrphansOnCyrus, type FixState } from './service';
import { getCyrusConnection, saveCyrusSettings } from './settings';

const FORBIDDEN: ActionState = { message: 'errors.notFound' };

/** Saves the connection (the password only when a new one is typed), then tries it: the answer says how it went. */
export const saveCyrusSettingsAction = adminAction(cyrusSettingsSchema, async (actor, input) => {
  if (!canManageDomains(actor)) return FORBIDDEN;
  const db = getDb();
  await changeSettings(actor, async (tx) => {
    await saveCyrusSettings(tx, input);
    const current = await getDefaultStorageBackend(tx);
    if (current !== input.defaultBackend) {
      for (const domain of await keepPopulatedDomainsOn(tx, current)) {
        await writeAuditLog(tx, { actor, domain, action: 'edit_domain', data: `storage: ${current} (kept: the domain has mailboxes and the default became ${input.defaultBackend})` });
      }
    }
    await saveDefaultStorageBackend(tx, input.defaultBackend);
  });
  revalidatePath('/cyrus');
  try {
    await withAdminSession({ ...(await getCyrusConnection(db)), timeoutMs: 5000 }, async () => undefined);
    return { ok: true, message: 'cyrus.connectionForm.savedConnected' };
  } catch (err) {
    // saved either way; the message says why Mailroom could not log in (cyrus.connectionForm.saved_*)
    return { ok: true, message: `cyrus.connectionForm.saved_${cyrusErrorKey(err).split('.').pop() ?? ''}` };
  }
});

/** A domain's own storage backend (or none: the default) and the folders its new Cyrus mailboxes get. */
export const saveDomainStorageAction = adminAction(domainStorageSchema, async (actor, input) => {
  if (!canManageDomains(actor)) return FORBIDDEN;
  const db = getDb();
  if (!(await db.domain.findUnique({ where: { domain: input.domain }, select: { domain: true } }))) return { fieldErrors: { domain: ['cyrus.errors.unknownDomain'] } };
  const refused = await db.$transaction(async (tx) => {
    // Mailroom does not move mail between Maildirs and Cyrus: a domain with mailboxes keeps its storage
    const [current, fallback, mailboxes] = await Promise.all([getDomainStorage(tx, input.domain), getDefaultStorageBackend(tx), tx.mailbox.count({ where: { domain: input.domain }, take: 1 })]);
    if ((input.backend ?? fallback) !== current.backend && mailboxes > 0) return true;
    await saveDomainStorage(tx, input.domain, { backend: input.backend, folders: input.folders });
    const data = `storage: ${input.backend ?? 'default'}; folders: ${input.folders.join(', ') || '(none)'}`;
    await writeAuditLog(tx, { actor, domain: input.domain, action: 'edit_domain', data });
    return false;
  });
  if (refused) return { message: 'errors.checkFields', fieldErrors: { backend: ['cyrus.errors.backendInUse'] } };
  revalidatePath('/cyrus');
  return { ok: true, message: 'cyrus.storage.saved' };
});

const noFields = z.object({});

// The fix actions return more than ActionState (which mailboxes were done or failed): adminAction
// runs the checks, the closure keeps the whole answer.
function withDetails(schema: z.ZodType, fixer: typeof createMissingOnCyrus) {
  return async (prev: FixState, formData: FormData): Promise<FixState> => {
    let details: FixState = {};
    const run = adminAction(schema, async (actor) => {
      details = await fixer(actor);
      revalidatePath('/cyrus');
      return details;
    });
    const state = await run(prev, formData);
    return { ...state, done: details.done, failed: details.failed };
  };
}

export async function createMissingOnCyrusAction(prev: FixState, formData: FormData): Promise<FixState> {
  return withDetails(noFields, createMissingOnCyrus)(prev, formData);
}

export async function adoptCyrusOrphansAction(prev: FixState, formData: FormData): Promise<FixState> {
  return withDetails(noFields, adoptOrphansOnCyrus)(prev, formData);
}

export async function deleteCyrusOrphansAction(prev: FixState, formData: FormData): Promise<FixState> {
  return withDetails(deleteOrphansSchema, deleteOrphansOnCyrus)(prev, formData);
}
