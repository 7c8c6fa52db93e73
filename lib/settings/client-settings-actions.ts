'use server';

import { adminAction } from '@/lib/actions/admin-action';
import { canManageDomains } from '@/lib/auth/permissions';
import { changeSettings } from './audit';
import { clientSettingsFormSchema, saveClientSettings } from './client-settings';

/** The superadmin sets the IMAP and SMTP servers mailbox owners see on their account page. */
export const saveClientSettingsAction = adminAction(clientSettingsFormSchema, async (actor, input) => {
  if (!canManageDomains(actor)) return { message: 'errors.notFound' };
  await changeSettings(actor, (tx) => saveClientSettings(tx, input));
  return { ok: true, message: 'selfService.clientsSaved' };
});
