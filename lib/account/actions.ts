'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { vacationFormSchema } from '@/lib/vacation/schema';
import { saveOwnVacation, switchOffOwnVacation } from '@/lib/vacation/service';
import { ownerAction } from './owner-action';
import { changeMailboxPasswordSchema, ownForwardSchema } from './schema';
import { changeMailboxPassword, saveOwnForward } from './service';

// A mailbox owner's actions: each acts on the session's own mailbox only (see ownerAction).

/** The owner changes their mailbox password (current one required, the policy of the settings). */
export async function changeMailboxPasswordAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  const { passwordMinLength } = await getSettings(getDb());
  return ownerAction(changeMailboxPasswordSchema(passwordMinLength), changeMailboxPassword)(prev, formData);
}

export const saveOwnForwardAction = ownerAction(ownForwardSchema, async (owner, input) => {
  const result = await saveOwnForward(owner, input);
  if (result.ok) revalidatePath('/account', 'layout');
  return result;
});

export const saveOwnVacationAction = ownerAction(vacationFormSchema, async (owner, input) => {
  const result = await saveOwnVacation(owner, input);
  if (result.ok) revalidatePath('/account', 'layout');
  return result;
});

export const switchOffOwnVacationAction = ownerAction(z.object({}), async (owner) => {
  const result = await switchOffOwnVacation(owner);
  if (result.ok) revalidatePath('/account', 'layout');
  return result;
});
