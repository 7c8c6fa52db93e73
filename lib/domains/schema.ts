import { z } from 'zod';
import { checkbox, intField, whenFieldsValid } from '@/lib/actions/form-fields';
import { normalizeAddress } from '@/lib/aliases/address';
import { DEFAULT_ALIAS_NAMES } from '@/lib/settings/settings';
import { normalizeDomainName } from './domain-name';
import { checkDomainLimits } from './limits';

const INT_MAX = 2_147_483_647; // int(10) columns
const MB_MAX = 9_000_000_000; // bigint column, far above any real disk

/** A domain name as typed: validated and converted to its stored (punycode) form. */
export const domainNameSchema = z.string().transform((value, ctx) => {
  const r = normalizeDomainName(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: `domain.errors.${r.error}` });
    return z.NEVER;
  }
  return r.ascii;
});

// `description` is utf8mb3 in PostfixAdmin's schema: 4-byte characters (emoji) cannot be stored.
const descriptionSchema = z
  .string()
  .trim()
  .max(255, 'domain.errors.descriptionTooLong')
  .refine((s) => !/[\u{10000}-\u{10FFFF}]/u.test(s), 'domain.errors.descriptionChars')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'domain.errors.descriptionChars');

// A Postfix transport_maps value: `transport[:nexthop]`, e.g. virtual, lmtp:unix:private/dovecot-lmtp,
// smtp:[mx.example.org]:25. No whitespace or commas: the value is read back verbatim by Postfix.
export const transportSchema = z
  .string()
  .trim()
  .max(255, 'domain.errors.transport')
  .regex(/^([a-z0-9][a-z0-9_-]*(:[\x21-\x2b\x2d-\x7e]*)?)?$/i, 'domain.errors.transport');

const limitsShape = {
  description: descriptionSchema,
  aliases: intField(-1, INT_MAX, 'domain.errors.limit'),
  mailboxes: intField(-1, INT_MAX, 'domain.errors.limit'),
  maxquota: intField(-1, MB_MAX, 'domain.errors.limit'),
  quota: intField(-1, MB_MAX, 'domain.errors.limit'),
  transport: transportSchema,
  backupmx: checkbox,
  active: checkbox,
};

const LIMIT_FIELDS = ['aliases', 'mailboxes', 'maxquota', 'quota'];

function refineLimits(value: { aliases: number; mailboxes: number; maxquota: number; quota: number }, ctx: z.RefinementCtx) {
  const errors = checkDomainLimits({ aliases: value.aliases, mailboxes: value.mailboxes, maxquotaMb: value.maxquota, quotaMb: value.quota });
  const maxquotaAboveQuota = value.maxquota > 0 && value.quota > 0 && value.maxquota > value.quota;
  for (const field of Object.keys(errors)) {
    const message = field === 'maxquota' && maxquotaAboveQuota ? 'domain.errors.maxquotaAboveQuota' : 'domain.errors.limit';
    ctx.addIssue({ code: 'custom', path: [field], message });
  }
}

/** An optional e-mail address field: '' when left empty, else the stored form of the address. */
export const optionalAddressSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value?.trim()) return '';
    const r = normalizeAddress(value);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: 'domain.errors.aliasTarget' });
      return z.NEVER;
    }
    return r.address;
  });

const aliasTargetShape = {
  target_abuse: optionalAddressSchema,
  target_hostmaster: optionalAddressSchema,
  target_postmaster: optionalAddressSchema,
  target_webmaster: optionalAddressSchema,
} satisfies Record<`target_${(typeof DEFAULT_ALIAS_NAMES)[number]}`, z.ZodType>;

export const createDomainSchema = z
  .object({ domain: domainNameSchema, ...limitsShape, addDefaultAliases: checkbox, ...aliasTargetShape })
  .superRefine(refineLimits, whenFieldsValid(...LIMIT_FIELDS));

export const updateDomainSchema = z
  .object({ domain: z.string().min(1).max(255), ...limitsShape })
  .superRefine(refineLimits, whenFieldsValid(...LIMIT_FIELDS));

export const domainKeySchema = z.object({ domain: z.string().min(1).max(255) });
export const setDomainActiveSchema = z.object({ domain: z.string().min(1).max(255), active: checkbox });
export const deleteDomainSchema = z.object({ domain: z.string().min(1).max(255), confirm: z.string() });

export type CreateDomainInput = z.output<typeof createDomainSchema>;
export type UpdateDomainInput = z.output<typeof updateDomainSchema>;
