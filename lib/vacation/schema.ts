import { z } from 'zod';
import { intField, whenFieldsValid } from '@/lib/actions/form-fields';
import { MAX_DAYS, parseDay, startOfDay, vacationWindow } from './rules';

// The vacation form. Every text ends up in a Sieve script (lib/mail/sieve/quote.ts escapes it) and in
// PostfixAdmin's `vacation` row: subject VARCHAR(255), body TEXT (65,535 bytes), both utf8mb4.

const MAX_SUBJECT = 255;
const MAX_BODY_BYTES = 65_535;

const subjectSchema = z
  .string()
  .trim()
  .min(1, 'vacation.errors.subjectRequired')
  .refine((s) => [...s].length <= MAX_SUBJECT, 'vacation.errors.subjectTooLong')
  // CR/LF would start a new header line in the reply; NUL and other controls have no place in a subject
  .refine((s) => !/\p{Cc}/u.test(s) && s.isWellFormed(), 'vacation.errors.subjectChars');

const bodySchema = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, '\n').replace(/\s+$/, ''))
  .refine((s) => s.trim() !== '', 'vacation.errors.bodyRequired')
  .refine((s) => Buffer.byteLength(s, 'utf8') <= MAX_BODY_BYTES, 'vacation.errors.bodyTooLong')
  .refine((s) => !/[^\P{Cc}\n\t]/u.test(s) && s.isWellFormed(), 'vacation.errors.bodyChars');

const daySchema = z.string().transform((value, ctx) => {
  const day = parseDay(value);
  if (!day) {
    ctx.addIssue({ code: 'custom', message: 'vacation.errors.date' });
    return z.NEVER;
  }
  return day;
});

/** The form that switches the reply on (or changes it): texts, days (UTC) and the interval in days. */
export const vacationFormSchema = z
  .object({
    subject: subjectSchema,
    body: bodySchema,
    activeFrom: daySchema,
    activeUntil: daySchema,
    days: intField(1, MAX_DAYS, 'vacation.errors.days'),
  })
  .superRefine((v, ctx) => {
    // as PostfixAdmin: the last day may not be before the first, nor already over
    if (v.activeUntil < v.activeFrom) ctx.addIssue({ code: 'custom', path: ['activeUntil'], message: 'vacation.errors.untilBeforeFrom' });
    else if (v.activeUntil < startOfDay(new Date())) ctx.addIssue({ code: 'custom', path: ['activeUntil'], message: 'vacation.errors.untilPast' });
  }, whenFieldsValid('activeFrom', 'activeUntil'))
  .transform(({ activeFrom, activeUntil, ...rest }) => ({ ...rest, ...vacationWindow(activeFrom, activeUntil) }));

export type VacationInput = z.output<typeof vacationFormSchema>;

/** An admin switches a mailbox's reply off. */
export const switchOffVacationSchema = z.object({ mailbox: z.string().trim().toLowerCase().min(1).max(255) });
