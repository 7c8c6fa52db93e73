'use server';

import { z } from 'zod';
import { adminAction } from '@/lib/actions/admin-action';
import { intField } from '@/lib/actions/form-fields';
import { canManageDomains } from '@/lib/auth/permissions';
import { optionalAddressSchema, transportSchema } from '@/lib/domains/schema';
import { changeSettings } from './audit';
import { saveSetting } from './settings';
import { storageSettingsSchema } from './storage-schema';

const settingsFormSchema = z.object({
  defaultTransport: transportSchema,
  passwordMinLength: intField(8, 128, 'settings.errors.passwordMinLength'),
  reservedLocalParts: z.string().transform((value, ctx) => {
    const parts = value.split(/[\s,]+/).map((p) => p.trim().toLowerCase()).filter(Boolean);
    if (parts.some((p) => !/^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}$/.test(p))) {
      ctx.addIssue({ code: 'custom', message: 'settings.errors.reservedLocalParts' });
      return z.NEVER;
    }
    return [...new Set(parts)];
  }),
  target_abuse: optionalAddressSchema,
  target_hostmaster: optionalAddressSchema,
  target_postmaster: optionalAddressSchema,
  target_webmaster: optionalAddressSchema,
});

export const saveSettingsAction = adminAction(settingsFormSchema, async (actor, input) => {
  if (!canManageDomains(actor)) return { message: 'errors.notFound' };
  await changeSettings(actor, async (tx) => {
    await saveSetting(tx, 'defaultTransport', input.defaultTransport);
    await saveSetting(tx, 'passwordMinLength', input.passwordMinLength);
    await saveSetting(tx, 'reservedLocalParts', input.reservedLocalParts);
    await saveSetting(tx, 'defaultAliasTargets', {
      abuse: input.target_abuse,
      hostmaster: input.target_hostmaster,
      postmaster: input.target_postmaster,
      webmaster: input.target_webmaster,
    });
  });
  return { ok: true, message: 'settings.saved' };
});

/** Storage on the mail host, the scheme of new password hashes, and how the mail servers reach the database. */
export const saveStorageSettingsAction = adminAction(storageSettingsSchema, async (actor, input) => {
  if (!canManageDomains(actor)) return { message: 'errors.notFound' };
  await changeSettings(actor, async (tx) => {
    for (const name of ['mailBasePath', 'archivePath', 'deletePolicy', 'vmailUid', 'vmailGid', 'vmailUser', 'storageRunsHere', 'passwordScheme', 'mailDbHost', 'mailDbPort', 'mailDbUser'] as const) {
      await saveSetting(tx, name, input[name]);
    }
  });
  return { ok: true, message: 'storage.settingsSaved' };
});
