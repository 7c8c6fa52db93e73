import 'server-only';
import { z } from 'zod';
import { getActor } from '@/lib/auth/session';
import type { Actor } from '@/lib/auth/permissions';
import type { ActionState } from './action-state';

/** The submitted text fields to echo back to a refused form; never a password, never React's own keys. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && !key.startsWith('$ACTION') && !/password/i.test(key)) values[key] = value;
  }
  return values;
}

/**
 * The one wrapper for admin server actions: loads the acting admin from the session (refusing
 * anonymous and idle sessions), parses the form with zod, then runs the handler, which checks
 * what this admin may touch. Validation errors come back per field and change nothing.
 */
export function adminAction<S extends z.ZodType>(
  schema: S,
  handler: (actor: Actor, input: z.output<S>) => Promise<ActionState>,
): (prev: ActionState, formData: FormData) => Promise<ActionState> {
  return async (_prev, formData) => {
    const actor = await getActor();
    if (!actor) return { message: 'errors.notAuthenticated' };
    const values = formValues(formData);
    const parsed = schema.safeParse(Object.fromEntries(formData.entries()));
    if (!parsed.success) {
      return { message: 'errors.checkFields', fieldErrors: z.flattenError(parsed.error).fieldErrors as ActionState['fieldErrors'], values };
    }
    const result = await handler(actor, parsed.data);
    return result.ok ? result : { ...result, values };
  };
}
