'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { adminAction } from '@/lib/actions/admin-action';
import { createDomainSchema, deleteDomainSchema, setDomainActiveSchema, updateDomainSchema } from './schema';
import { createDomain, deleteDomain, setDomainActive, updateDomain } from './service';

export const createDomainAction = adminAction(createDomainSchema, async (actor, input) => {
  const result = await createDomain(actor, input);
  if (result.ok) {
    revalidatePath('/domains');
    redirect(`/domains/${encodeURIComponent(input.domain)}?created=1`);
  }
  return result;
});

export const updateDomainAction = adminAction(updateDomainSchema, async (actor, input) => {
  const result = await updateDomain(actor, input);
  if (result.ok) revalidatePath('/domains');
  return result;
});

export const setDomainActiveAction = adminAction(setDomainActiveSchema, async (actor, input) => {
  const result = await setDomainActive(actor, input.domain, input.active);
  if (result.ok) revalidatePath('/domains');
  return result;
});

export const deleteDomainAction = adminAction(deleteDomainSchema, async (actor, input) => {
  const result = await deleteDomain(actor, input.domain, input.confirm);
  if (result.ok) {
    revalidatePath('/domains');
    redirect('/domains?deleted=1');
  }
  return result;
});
