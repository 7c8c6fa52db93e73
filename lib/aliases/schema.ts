import { z } from 'zod';
import { checkbox, whenFieldsValid } from '@/lib/actions/form-fields';
import { normalizeAddress } from './address';
import { destinationMessages, MAX_DESTINATIONS_INPUT, parseDestinations } from './destinations';

const key = z.string().trim().toLowerCase().min(1).max(255);

/** The destinations textarea: one address per line, read into the stored form (see parseDestinations). */
export const destinationsSchema = z
  .string()
  .max(MAX_DESTINATIONS_INPUT, 'alias.errors.destinationsTooLong')
  .transform((text, ctx) => {
    const parsed = parseDestinations(text);
    if (parsed.ok) return parsed.destinations;
    for (const message of destinationMessages(parsed)) ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

const requiredDestinations = destinationsSchema.refine((d) => d.length > 0, 'alias.errors.gotoRequired');

/**
 * A new alias: a local part typed by the person, or the catch-all (`@domain`), which is a choice on
 * the form, never a typed '@'. The domain comes from the page.
 */
export const createAliasSchema = z
  .object({
    domain: key,
    kind: z.enum(['address', 'catchall'], { error: 'alias.errors.kind' }),
    localPart: z.string().max(1000).optional().default(''),
    goto: requiredDestinations,
    active: checkbox,
  })
  // checked even when the destinations are wrong, so every problem shows at once
  .superRefine((input, ctx) => {
    const error = input.kind === 'address' ? localPartError(input.localPart.trim()) : null;
    if (error) ctx.addIssue({ code: 'custom', path: ['localPart'], message: error });
  }, whenFieldsValid('domain', 'kind', 'localPart'))
  .transform((input, ctx) => {
    const base = { domain: input.domain, destinations: input.goto, active: input.active };
    if (input.kind === 'catchall') return { ...base, address: `@${input.domain}`, localPart: '', isCatchAll: true };
    const localPart = input.localPart.trim().toLowerCase();
    const address = `${localPart}@${input.domain}`;
    if (address.length > 254) {
      ctx.addIssue({ code: 'custom', path: ['localPart'], message: 'alias.errors.addressTooLong' });
      return z.NEVER;
    }
    return { ...base, address, localPart, isCatchAll: false };
  });

// the domain is checked by the service; any valid name stands in for it here
function localPartError(localPart: string): string | null {
  if (localPart === '') return 'alias.errors.localPartRequired';
  if (localPart.includes('@')) return 'alias.errors.localPartAt';
  const parsed = normalizeAddress(`${localPart}@example.org`);
  if (parsed.ok) return null;
  if (parsed.error === 'local_part_too_long') return 'alias.errors.localPartTooLong';
  if (parsed.error === 'too_long') return 'alias.errors.addressTooLong';
  return 'alias.errors.localPart';
}

export const updateAliasSchema = z
  .object({ address: key, goto: requiredDestinations, active: checkbox })
  .transform(({ address, goto, active }) => ({ address, destinations: goto, active }));
export const aliasStateSchema = z.object({ address: key, active: checkbox });
export const aliasKeySchema = z.object({ address: key });

export type CreateAliasInput = z.output<typeof createAliasSchema>;
export type UpdateAliasInput = z.output<typeof updateAliasSchema>;
