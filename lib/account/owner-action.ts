import 'server-only';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { formValues } from '@/lib/actions/admin-action';
import { getMailboxOwner, type MailboxOwner } from '@/lib/auth/session';

/**
 * The wrapper for a mailbox owner's server actions: refuses anyone without a live owner session
 * (admins included), parses the form with zod, then runs the handler on the session's own mailbox.
 * The handler gets no address from the form: what it changes is always `owner.username`.
 */
export function ownerAction<S extends z.ZodType>(
  schema: S,
  handler: (owner: MailboxOwner, input: z.output<S>) => Promise<ActionState>,
): (prev: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_prev, formData) => {
    const owner = await getMailboxOwner();
    if (!owner) return { message: 'errors.notAuthenticated' };
    const values = formValues(formData);
    const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) {
      return { message: 'errors.checkFields', fieldErrors: z.flattenError(parsed.error).fieldErrors as ActionState['fieldErrors'], values };
    }
    const result = await handler(owner, parsed.data);
    return result.ok ? result : { ...result, values };
  };
}
