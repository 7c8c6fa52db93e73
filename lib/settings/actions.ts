'use server';

import { z } from 'zod';
import { adminAction } from '@/lib/actions/admin-action';
import { canManageDomains } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { optionalAddressSchema, transportSchema } from '@/lib/domains/schema';
import { saveSetting } from './settings';

const settingsFormSchema = z.object({
  defaultTransport: transportSchema,
  target_abuse: optionalAddressSchema,
  target_hostmaster: optionalAddressSchema,
  target_postmaster: optionalAddressSchema,
  target_webmaster: optionalAddressSchema,
});

export const saveSettingsAction = adminAction(settingsFormSchema, async (actor, input) => {
  if (!canManageDomains(actor)) return { message: 'errors.notFound' };
  await getDb().$transaction(async (tx) => {
    await saveSetting(tx, 'defaultTransport', input.defaultTransport);
    await saveSetting(tx, 'defaultAliasTargets', {
      abuse: input.target_abuse,
      hostmaster: input.target_hostmaster,
      postmaster: input.target_postmaster,
      webmaster: input.target_webmaster,
    });
  });
  return { ok: true, message: 'settings.saved' };
});
