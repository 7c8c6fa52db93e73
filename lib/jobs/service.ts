import 'server-only';
import type { ActionState } from '@/lib/actions/action-state';
import { writeAuditLog } from '@/lib/audit-log/write';
import { canManageDomain, type Actor } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { runJobsAfterCommit } from './dispatch';
import { requeueJob } from './queue';

const FORBIDDEN: ActionState = { message: 'errors.notFound' }; // a refusal says no more than "not found"

/**
 * The retry button: a failed job (or one waiting for its next attempt) is due again at once with a
 * fresh series of attempts, and runs now when this host may run it, with the mailbox's due jobs that
 * waited behind it (a mailbox's Cyrus jobs run in order). Audited on the domain.
 */
export async function retryJob(actor: Actor, id: bigint): Promise<ActionState> {
  const db = getDb();
  const job = await db.mailroomJob.findUnique({ where: { id }, select: { domain: true, target: true, kind: true } });
  if (!job || !canManageDomain(actor, job.domain)) return FORBIDDEN;
  const requeued = await db.$transaction(async (tx) => {
    if (!(await requeueJob(tx, id))) return false;
    await writeAuditLog(tx, { actor, domain: job.domain, action: 'edit_mailbox', data: `${job.target}: storage job #${id} (${job.kind}) retried` });
    return true;
  });
  if (!requeued) return { message: 'storage.jobs.notRetryable' };
  await runJobsAfterCommit({ target: job.target, domain: job.domain });
  return { ok: true, message: 'storage.jobs.retried' };
}
