import { z } from 'zod';
import { checkbox, whenFieldsValid } from '@/lib/actions/form-fields';
import { destinationsSchema } from '@/lib/aliases/schema';
import { passwordPolicyError } from '@/lib/mailboxes/schema';

// A mailbox owner's forms. None carries the mailbox: the actions act on the session's own mailbox.

/** Changing the password: the current one, and a new one under the mailbox policy (settings), twice. */
export function changeMailboxPasswordSchema(passwordMinLength: number) {
  return z
    .object({
      currentPassword: z.string().min(1, 'account.errors.currentRequired').max(1024, 'account.errors.currentWrong'),
      password: z.string().superRefine((value, ctx) => {
        const error = passwordPolicyError(value, passwordMinLength);
        if (error) ctx.addIssue({ code: 'custom', message: `mailbox.errors.${error}` });
      }),
      passwordConfirm: z.string(),
    })
    .superRefine((v, ctx) => {
      if (v.password !== v.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'mailbox.errors.passwordMismatch' });
    }, whenFieldsValid('password', 'passwordConfirm'));
}

export type ChangeMailboxPasswordInput = z.output<ReturnType<typeof changeMailboxPasswordSchema>>;

/** The owner's forward: the admin form's fields and rules (lib/forwards), minus the mailbox. */
export const ownForwardSchema = z
  .object({ goto: destinationsSchema, keepCopy: checkbox })
  .refine((v) => v.goto.length > 0 || v.keepCopy, { path: ['goto'], message: 'forward.errors.nothing' })
  .transform(({ goto, keepCopy }) => ({ targets: goto, keepCopy }));

export type OwnForwardInput = z.output<typeof ownForwardSchema>;
