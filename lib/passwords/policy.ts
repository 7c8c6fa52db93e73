import { z } from 'zod';
import { whenFieldsValid } from '@/lib/actions/form-fields';

export const MIN_ADMIN_PASSWORD_LENGTH = 10;

/** A new password with its confirmation; messages are i18n keys. */
export function newPasswordFields(minLength = MIN_ADMIN_PASSWORD_LENGTH) {
  return {
    password: z.string().min(minLength, 'password.errors.tooShort').max(256, 'password.errors.tooLong'),
    passwordConfirm: z.string(),
  };
}

function checkPasswordConfirm(value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'password.errors.mismatch' });
}

/** Adds the "both passwords match" check, reported even when other fields are wrong too. */
export function withPasswordConfirm<T extends z.ZodType<{ password: string; passwordConfirm: string }>>(schema: T) {
  return schema.superRefine(checkPasswordConfirm, whenFieldsValid('passwordConfirm'));
}
