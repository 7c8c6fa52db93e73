import { z } from 'zod';
import { checkbox, whenFieldsValid } from '@/lib/actions/form-fields';
import { MAX_PASSWORD_LENGTH } from './password-generator';
import { parseQuotaMib } from './quota';

// The mailbox forms' rules. Messages are i18n keys (messages/<locale>/mailbox.json).

export type LocalPartError = 'empty' | 'chars' | 'dots' | 'tooLong';

// Stricter than RFC 5321's dot-atom: the local part also names the Maildir folder
// (`domain/local_part/`) and appears in Postfix/Dovecot lookups and IMAP, so only characters that
// are plain in a path, a shell and SQL are allowed: no quotes, slashes, `%`, spaces or controls.
const LOCAL_PART_CHARS = /^[a-z0-9._+-]+$/;
const MAX_LOCAL_PART = 64; // RFC 5321

/** A local part as typed (surrounding spaces ignored, lowercased), or why it is refused. */
export function checkLocalPart(input: string): { ok: true; localPart: string } | { ok: false; error: LocalPartError } {
  const localPart = input.replace(/^ +| +$/g, '').toLowerCase();
  if (localPart === '') return { ok: false, error: 'empty' };
  if (!LOCAL_PART_CHARS.test(localPart)) return { ok: false, error: 'chars' };
  if (localPart.startsWith('.') || localPart.endsWith('.') || localPart.includes('..')) return { ok: false, error: 'dots' };
  if (localPart.length > MAX_LOCAL_PART) return { ok: false, error: 'tooLong' };
  return { ok: true, localPart };
}

export const localPartSchema = z.string().transform((value, ctx) => {
  const r = checkLocalPart(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: `mailbox.errors.localPart_${r.error}` });
    return z.NEVER;
  }
  return r.localPart;
});

const MAX_NAME = 255; // mailbox.name is VARCHAR(255) utf8mb4: 255 characters, emoji included

/** The display name: any text up to 255 characters, no control characters (newlines, NUL, ...). */
export const displayNameSchema = z
  .string()
  .trim()
  .refine((s) => [...s].length <= MAX_NAME, 'mailbox.errors.nameTooLong')
  .refine((s) => !/\p{Cc}/u.test(s), 'mailbox.errors.nameChars');

/** The quota field, in MiB (decimals allowed, 0 = unlimited), as bytes. */
export const quotaMibSchema = z.string().transform((value, ctx) => {
  const r = parseQuotaMib(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: r.error === 'format' ? 'mailbox.errors.quotaFormat' : 'mailbox.errors.quotaTooLarge' });
    return z.NEVER;
  }
  return r.bytes;
});

/** Why a password breaks the mailbox policy (settings.passwordMinLength; no control characters), or null. */
export function passwordPolicyError(password: string, minLength: number): 'passwordTooShort' | 'passwordTooLong' | 'passwordChars' | null {
  const length = [...password].length;
  if (/\p{Cc}/u.test(password)) return 'passwordChars';
  if (length < minLength) return 'passwordTooShort';
  if (length > MAX_PASSWORD_LENGTH) return 'passwordTooLong';
  return null;
}

/** A password field under the policy; `optional` lets an empty field mean "keep the current one". */
function passwordSchema(minLength: number, optional: boolean) {
  return z.string().superRefine((value, ctx) => {
    if (optional && value === '') return;
    const error = passwordPolicyError(value, minLength);
    if (error) ctx.addIssue({ code: 'custom', message: `mailbox.errors.${error}` });
  });
}

function checkConfirm(value: { password: string; passwordConfirm: string }, ctx: z.RefinementCtx) {
  if (value.password !== value.passwordConfirm) ctx.addIssue({ code: 'custom', path: ['passwordConfirm'], message: 'mailbox.errors.passwordMismatch' });
}

const addressSchema = z.string().min(1).max(255);

/** The new-mailbox form, under the current password policy. */
export function createMailboxSchema(passwordMinLength: number) {
  return z
    .object({
      domain: z.string().min(1).max(255),
      localPart: localPartSchema,
      name: displayNameSchema,
      password: passwordSchema(passwordMinLength, false),
      passwordConfirm: z.string(),
      quota: quotaMibSchema,
      active: checkbox,
    })
    .superRefine(checkConfirm, whenFieldsValid('password', 'passwordConfirm'));
}

/** The edit form: an empty password keeps the current one; the active flag has its own switch. */
export function updateMailboxSchema(passwordMinLength: number) {
  return z
    .object({
      address: addressSchema,
      name: displayNameSchema,
      password: passwordSchema(passwordMinLength, true),
      passwordConfirm: z.string(),
      quota: quotaMibSchema,
    })
    .superRefine(checkConfirm, whenFieldsValid('password', 'passwordConfirm'));
}

export const setMailboxActiveSchema = z.object({ address: addressSchema, active: checkbox });
export const deleteMailboxSchema = z.object({ address: addressSchema });

export type CreateMailboxInput = z.output<ReturnType<typeof createMailboxSchema>>;
export type UpdateMailboxInput = z.output<ReturnType<typeof updateMailboxSchema>>;
