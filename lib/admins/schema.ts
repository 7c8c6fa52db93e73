import { z } from 'zod';
import { checkbox } from '@/lib/actions/form-fields';
import { normalizeAddress } from '@/lib/aliases/address';
import { normalizeDomainName } from '@/lib/domains/domain-name';
import { withPasswordConfirm } from '@/lib/passwords/policy';
import { DOMAIN_SEPARATOR } from './domains-field';

/** An admin's username: an e-mail address, stored lowercase with its domain in punycode. */
export const adminUsernameSchema = z.string().transform((value, ctx) => {
  const r = normalizeAddress(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: 'admin.errors.username' });
    return z.NEVER;
  }
  return r.address;
});

/** The key of an existing admin, as a form sends it back (looked up as is, never created). */
const adminKeySchema = z.string().trim().toLowerCase().min(1, 'errors.notFound').max(255, 'errors.notFound');

/** The checked domains of a form (joined by the action, see domains-field.ts), in stored form. */
const domainsSchema = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const names = (value ?? '').split(DOMAIN_SEPARATOR).map((d) => d.trim()).filter(Boolean);
    const ascii: string[] = [];
    for (const name of names) {
      const r = normalizeDomainName(name);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: 'admin.errors.unknownDomain' });
        return z.NEVER;
      }
      ascii.push(r.ascii);
    }
    return [...new Set(ascii)].sort();
  });

/** A new password per the settings' minimum length, with its confirmation. */
function passwordFields(minLength: number) {
  return {
    password: z.string().min(minLength, 'admin.errors.passwordTooShort').max(256, 'password.errors.tooLong'),
    passwordConfirm: z.string(),
  };
}

export function createAdminSchema(passwordMinLength: number) {
  return withPasswordConfirm(
    z.object({ username: adminUsernameSchema, ...passwordFields(passwordMinLength), superadmin: checkbox, active: checkbox, domains: domainsSchema }),
  );
}

export const updateAdminSchema = z.object({ username: adminKeySchema, superadmin: checkbox, active: checkbox, domains: domainsSchema });

export function resetAdminPasswordSchema(passwordMinLength: number) {
  return withPasswordConfirm(z.object({ username: adminKeySchema, ...passwordFields(passwordMinLength) }));
}

export const deleteAdminSchema = z.object({ username: adminKeySchema });

export const domainAssignmentSchema = z.object({
  domain: z.string().trim().toLowerCase().min(1, 'errors.notFound').max(255, 'errors.notFound'),
  username: z.string().trim().toLowerCase().min(1, 'admin.errors.chooseAdmin').max(255, 'admin.errors.noSuchAdmin'),
});

export function changeOwnPasswordSchema(passwordMinLength: number) {
  return withPasswordConfirm(
    z.object({ currentPassword: z.string().min(1, 'profile.errors.currentRequired').max(1024, 'profile.errors.currentWrong'), ...passwordFields(passwordMinLength) }),
  );
}

export type CreateAdminInput = z.output<ReturnType<typeof createAdminSchema>>;
export type UpdateAdminInput = z.output<typeof updateAdminSchema>;
export type ResetAdminPasswordInput = z.output<ReturnType<typeof resetAdminPasswordSchema>>;
export type DomainAssignmentInput = z.output<typeof domainAssignmentSchema>;
export type ChangeOwnPasswordInput = z.output<ReturnType<typeof changeOwnPasswordSchema>>;
