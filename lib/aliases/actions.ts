'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { adminAction } from '@/lib/actions/admin-action';
import { domainOf } from '@/lib/tracer/source';
import { aliasKeySchema, aliasStateSchema, createAliasSchema, updateAliasSchema } from './schema';
import { createAlias, deleteAlias, setAliasActive, updateAlias } from './service';

const listPath = (domain: string) => `/domains/${encodeURIComponent(domain)}/aliases`;

export const createAliasAction = adminAction(createAliasSchema, async (actor, input) => {
  const result = await createAlias(actor, input);
  if (result.ok) {
    revalidatePath(listPath(input.domain));
    redirect(`${listPath(input.domain)}?created=${encodeURIComponent(input.address)}`);
  }
  return result;
});

export const updateAliasAction = adminAction(updateAliasSchema, async (actor, input) => {
  const result = await updateAlias(actor, input);
  if (result.ok) revalidatePath(listPath(domainOf(input.address)));
  return result;
});

export const setAliasActiveAction = adminAction(aliasStateSchema, async (actor, input) => {
  const result = await setAliasActive(actor, input.address, input.active);
  if (result.ok) revalidatePath(listPath(domainOf(input.address)));
  return result;
});

export const deleteAliasAction = adminAction(aliasKeySchema, async (actor, input) => {
  const result = await deleteAlias(actor, input.address);
  if (result.ok) {
    revalidatePath(listPath(domainOf(input.address)));
    redirect(`${listPath(domainOf(input.address))}?deleted=${encodeURIComponent(input.address)}`);
  }
  return result;
});
