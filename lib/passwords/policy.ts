import { z } from 'zod';

export const MIN_ADMIN_PASSWORD_LENGTH = 10;

/** A new password with its confirmation; messages are i18n keys. */
export function newPasswordFields(minLength = MIN_ADMIN_PASSWORD_LENGTH) {
  return {
    password: z.string().min(minLength, 'password.errors.tooShort').max(256, 'password.errors.tooLong'),
    passwordConfirm: z.string(),
  };
}

export function refinePasswordConfirm(value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'password.errors.mismatch' });
}
