'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/actions/admin-action';
import { mailboxPath } from '@/lib/mailboxes/address';
import { retryJob } from './service';

const retryJobSchema = z.object({
  id: z.string().regex(/^\d{1,18}$/, 'errors.invalid').transform((v) => BigInt(v)),
  address: z.string().max(255),
});

export const retryJobAction = adminAction(retryJobSchema, async (actor, input) => {
  const result = await retryJob(actor, input.id);
  if (result.ok) revalidatePath(mailboxPath(input.address.toLowerCase()));
  return result;
});
