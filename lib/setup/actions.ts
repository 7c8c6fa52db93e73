'use server';

import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { normalizeAddress } from '@/lib/aliases/address';
import { applyMigrations } from '@/lib/db/migrate';
import { getEnv } from '@/lib/env';
import { newPasswordFields, withPasswordConfirm } from '@/lib/passwords/policy';
import { createFirstSuperadmin } from './service';
import { isSetupComplete } from './state';
import { deleteSetupToken, verifySetupToken } from './token';
import { endWizardSession, grantWizardSession, hasWizardSession } from './wizard-session';

// The wizard's actions. Each one refuses once a superadmin exists, and all but the token check
// require the signed wizard cookie that only a correct setup token grants.

const CLOSED: ActionState = { message: 'setup.closed' };

export async function verifySetupTokenAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (await isSetupComplete()) return CLOSED;
  const token = String(formData.get('token') ?? '');
  if (!(await verifySetupToken(token))) return { fieldErrors: { token: ['setup.errors.badToken'] } };
  await grantWizardSession();
  redirect('/setup');
}

export async function applyMigrationsAction(_prev: ActionState): Promise<ActionState> {
  if (await isSetupComplete()) return CLOSED;
  if (!(await hasWizardSession())) return { message: 'setup.errors.noSession' };
  try {
    const { applied } = await applyMigrations(getEnv().DATABASE_URL);
    revalidatePath('/setup');
    return { ok: true, message: applied.length ? 'setup.migrationsApplied' : 'setup.migrationsUpToDate' };
  } catch (err) {
    console.error('Setup: migrations failed', err);
    return { message: 'setup.errors.migrationFailed' };
  }
}

const superadminSchema = withPasswordConfirm(
  z.object({
    username: z.string().transform((value, ctx) => {
      const r = normalizeAddress(value);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: 'setup.errors.username' });
        return z.NEVER;
      }
      return r.address;
    }),
    ...newPasswordFields(),
  }),
);

export async function createSuperadminAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  if (await isSetupComplete()) return CLOSED;
  if (!(await hasWizardSession())) return { message: 'setup.errors.noSession' };
  const parsed = superadminSchema.safeParse(Object.fromEntries(formData.entries()));
  if (!parsed.success) {
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { username: String(formData.get('username') ?? '') } };
  }
  const h = await headers();
  const ip = h.get('x-forwarded-for')?.split(',')[0]?.trim() ?? null;
  const result = await createFirstSuperadmin(parsed.data.username, parsed.data.password, ip);
  if (result === 'already_done') return CLOSED;
  await deleteSetupToken();
  await endWizardSession();
  redirect('/login?setup=done');
}
