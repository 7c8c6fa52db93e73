'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/actions/admin-action';
import { forwardSchema } from './schema';
import { saveForward } from './service';

export const saveForwardAction = adminAction(forwardSchema, async (actor, input) => {
  const result = await saveForward(actor, input);
  if (result.ok) revalidatePath('/domains', 'layout');
  return result;
});
