'use server';

import { revalidatePath } from 'next/cache';
import { adminAction } from '@/lib/actions/admin-action';
import { canManageDomains } from '@/lib/auth/permissions';
import { changeSettings } from '@/lib/settings/audit';
import { switchOffVacationSchema } from './schema';
import { switchOffVacation } from './service';
import { manageSieveSettingsFormSchema, saveManageSieveSettings } from './sieve-settings';

/** An admin switches a mailbox's vacation reply off (only in domains they manage). */
export const switchOffVacationAction = adminAction(switchOffVacationSchema, async (actor, input) => {
  const result = await switchOffVacation(actor, input.mailbox);
  if (result.ok) revalidatePath('/domains', 'layout');
  return result;
});

/** The superadmin sets the ManageSieve server and master user (the password is kept when left empty). */
export const saveManageSieveSettingsAction = adminAction(manageSieveSettingsFormSchema, async (actor, input) => {
  if (!canManageDomains(actor)) return { message: 'errors.notFound' };
  await changeSettings(actor, (tx) => saveManageSieveSettings(tx, input));
  return { ok: true, message: 'selfService.sieveSaved' };
});
