'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import type { ActionState } from '@/lib/actions/action-state';
import { adminAction } from '@/lib/actions/admin-action';
import { getDb } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { assignDomainAdmin, unassignDomainAdmin } from './assignments';
import { changeOwnPassword, resetAdminPassword } from './passwords';
import { joinRepeatedField } from './domains-field';
import { changeOwnPasswordSchema, createAdminSchema, deleteAdminSchema, domainAssignmentSchema, resetAdminPasswordSchema, updateAdminSchema } from './schema';
import { createAdmin, deleteAdmin, updateAdmin } from './service';

// The password policy lives in the settings, so those schemas are built per request. Reading the
// minimum length first is harmless: adminAction still refuses anyone who is not an admin before parsing.
const passwordMinLength = async () => (await getSettings(getDb())).passwordMinLength;

export async function createAdminAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  const action = adminAction(createAdminSchema(await passwordMinLength()), async (actor, input) => {
    const result = await createAdmin(actor, input);
    if (result.ok) {
      revalidatePath('/admins');
      redirect(`/admins/${encodeURIComponent(input.username)}?created=1`);
    }
    return result;
  });
  return action(prev, joinRepeatedField(formData, 'domains'));
}

const update = adminAction(updateAdminSchema, async (actor, input) => {
  const result = await updateAdmin(actor, input);
  if (result.ok) revalidatePath('/admins');
  return result;
});

export async function updateAdminAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return update(prev, joinRepeatedField(formData, 'domains'));
}

export async function resetAdminPasswordAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction(resetAdminPasswordSchema(await passwordMinLength()), resetAdminPassword)(prev, formData);
}

export const deleteAdminAction = adminAction(deleteAdminSchema, async (actor, input) => {
  const result = await deleteAdmin(actor, input.username);
  if (result.ok) {
    revalidatePath('/admins');
    redirect('/admins?deleted=1');
  }
  return result;
});

export const assignDomainAdminAction = adminAction(domainAssignmentSchema, async (actor, input) => {
  const result = await assignDomainAdmin(actor, input);
  if (result.ok) revalidatePath(`/domains/${encodeURIComponent(input.domain)}/admins`);
  return result;
});

export const unassignDomainAdminAction = adminAction(domainAssignmentSchema, async (actor, input) => {
  const result = await unassignDomainAdmin(actor, input);
  if (result.ok) revalidatePath(`/domains/${encodeURIComponent(input.domain)}/admins`);
  return result;
});

export async function changeOwnPasswordAction(prev: ActionState, formData: FormData): Promise<ActionState> {
  return adminAction(changeOwnPasswordSchema(await passwordMinLength()), changeOwnPassword)(prev, formData);
}
