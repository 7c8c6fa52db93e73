import { z } from 'zod';
import { checkbox } from '@/lib/actions/form-fields';
import { destinationsSchema } from '@/lib/aliases/schema';

/** The forward form: destinations one per line (may be empty when a copy is kept) and "keep a copy". */
export const forwardSchema = z
  .object({ mailbox: z.string().trim().toLowerCase().min(1).max(255), goto: destinationsSchema, keepCopy: checkbox })
  .refine((v) => v.goto.length > 0 || v.keepCopy, { path: ['goto'], message: 'forward.errors.nothing' })
  .transform(({ mailbox, goto, keepCopy }) => ({ mailbox, targets: goto, keepCopy }));

export type ForwardInput = z.output<typeof forwardSchema>;
