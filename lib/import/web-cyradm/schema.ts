import { z } from 'zod';
import { checkbox } from '@/lib/actions/form-fields';
import { normalizeDomainName } from '@/lib/domains/domain-name';
import { sourceUrlSchema, withPassword } from './source';
import { PASSWORD_MODES, type PasswordMode } from './types';

/** The import page's form: a dry run or the import itself, with the same inputs. */
export const importFormSchema = z
  .object({
    intent: z.enum(['dryRun', 'import']),
    sourceUrl: sourceUrlSchema,
    /** kept out of the URL field, never echoed back (adminAction drops fields named *password*) */
    sourcePassword: z.string().max(500).optional(),
    scheme: z.enum(PASSWORD_MODES as [PasswordMode, ...PasswordMode[]], { error: 'import.errors.passwords' }),
    adminDomain: z.string().trim().transform((value, ctx) => {
      if (value === '') return null;
      const d = normalizeDomainName(value);
      if (!d.ok) {
        ctx.addIssue({ code: 'custom', message: 'import.errors.adminDomain' });
        return z.NEVER;
      }
      return d.ascii;
    }),
    cyrusQuotas: checkbox,
  })
  .transform((v) => ({ ...v, url: withPassword(v.sourceUrl, v.sourcePassword) }));
