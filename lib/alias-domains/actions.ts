'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { adminAction } from '@/lib/actions/admin-action';
import { aliasDomainKeySchema, aliasDomainStateSchema, createAliasDomainSchema } from './schema';
import { createAliasDomain, deleteAliasDomain, setAliasDomainActive } from './service';

export const createAliasDomainAction = adminAction(createAliasDomainSchema, async (actor, input) => {
  const result = await createAliasDomain(actor, input);
  if (result.ok) revalidatePath('/domains', 'layout');
  return result;
});

export const setAliasDomainActiveAction = adminAction(aliasDomainStateSchema, async (actor, input) => {
  const result = await setAliasDomainActive(actor, input.aliasDomain, input.active);
  if (result.ok) revalidatePath('/domains', 'layout');
  return result;
});

export const deleteAliasDomainAction = adminAction(aliasDomainKeySchema.extend({ back: aliasDomainKeySchema.shape.aliasDomain }), async (actor, input) => {
  const result = await deleteAliasDomain(actor, input.aliasDomain);
  if (result.ok) {
    revalidatePath('/domains', 'layout');
    redirect(`/domains/${encodeURIComponent(input.back)}/alias-domains?deleted=${encodeURIComponent(input.aliasDomain)}`);
  }
  return result;
});
