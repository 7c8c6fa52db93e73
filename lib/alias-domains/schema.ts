import { z } from 'zod';
import { checkbox } from '@/lib/actions/form-fields';
import { normalizeDomainName } from '@/lib/domains/domain-name';

const key = z.string().trim().toLowerCase().min(1).max(255);

/**
 * A new alias domain, from a domain's page: either another domain becomes an alias of this one
 * (`incoming`), or this one an alias of another (`outgoing`). The other domain is typed (IDN allowed).
 */
export const createAliasDomainSchema = z
  .object({
    domain: key,
    direction: z.enum(['incoming', 'outgoing'], { error: 'aliasDomain.errors.direction' }),
    other: z.string().max(1024),
    active: checkbox,
  })
  .transform((input, ctx) => {
    const other = normalizeDomainName(input.other);
    if (!other.ok) {
      ctx.addIssue({ code: 'custom', path: ['other'], message: `domain.errors.${other.error}` });
      return z.NEVER;
    }
    const pair = input.direction === 'incoming' ? { aliasDomain: other.ascii, targetDomain: input.domain } : { aliasDomain: input.domain, targetDomain: other.ascii };
    return { ...pair, active: input.active };
  });

export const aliasDomainStateSchema = z.object({ aliasDomain: key, active: checkbox });
export const aliasDomainKeySchema = z.object({ aliasDomain: key });

export type CreateAliasDomainInput = z.output<typeof createAliasDomainSchema>;
