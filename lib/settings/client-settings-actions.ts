'use server';

import { adminAction } from '@/lib/actions/admin-action';
import { canManageDomains } from '@/lib/auth/permissions';
import { getDb } from '@/lib/db/client';
import { clientSettingsFormSchema, saveClientSettings } from './client-settings';

/** The superadmin sets the IMAP and SMTP servers mailbox owners see on their account page. */
export const saveClientSettingsAction = adminAction(clientSettingsFormSchema, async (actor, input) => {
  if (!canManageDomains(actor)) return { message: 'errors.notFound' };
  await saveClientSettings(getDb(), input);
  return { ok: true, message: 'selfService.clientsSaved' };
});
