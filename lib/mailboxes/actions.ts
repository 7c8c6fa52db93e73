'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionState } from '@/lib/actions/action-state';
import { adminAction } from '@/lib/actions/admin-action';
import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { mailboxPath, splitAddress } from './address';
import { createMailboxSchema, deleteMailboxSchema, setMailboxActiveSchema, updateMailboxSchema } from './schema';
import { createMailbox, deleteMailbox, setMailboxActive, updateMailbox } from './service';

const listPath = (domain: string) => `/domains/${encodeURIComponent(domain.toLowerCase())}/mailboxes`;
const domainOf = (address: string) => splitAddress(address)?.domain ?? '';

// The password policy is a setting, so these two forms' schemas are built per request.
async function passwordMinLength(): Promise<number> {
  return (await getSettings(getDb())).passwordMinLength;
}

export async function createMailboxAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  const action = adminAction(createMailboxSchema(await passwordMinLength()), async (actor, input) => {
    const result = await createMailbox(actor, input);
    if (result.ok) {
      revalidatePath(listPath(input.domain));
      redirect(`${listPath(input.domain)}?created=1`);
    }
    return result;
  });
  return action(prev, formData);
}

export async function updateMailboxAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  const action = adminAction(updateMailboxSchema(await passwordMinLength()), async (actor, input) => {
    const result = await updateMailbox(actor, input);
    if (result.ok) {
      revalidatePath(listPath(domainOf(input.address)));
      revalidatePath(mailboxPath(input.address.toLowerCase())); // its storage jobs (a quota set on Cyrus)
    }
    return result;
  });
  return action(prev, formData);
}

export const setMailboxActiveAction = adminAction(setMailboxActiveSchema, async (actor, input) => {
  const result = await setMailboxActive(actor, input.address, input.active);
  if (result.ok) revalidatePath(mailboxPath(input.address.toLowerCase()));
  return result;
});

export const deleteMailboxAction = adminAction(deleteMailboxSchema, async (actor, input) => {
  const result = await deleteMailbox(actor, input.address);
  if (result.ok) {
    revalidatePath(listPath(domainOf(input.address)));
    redirect(`${listPath(domainOf(input.address))}?deleted=1`);
  }
  return result;
});
