import { z } from 'zod';

// Zod building blocks for FormData fields (pure: usable in tests and on either side).

/** FormData checkbox: present ("on") means true. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean());

/** An integer form field, with an i18n key as its message. */
export function intField(min: number, max: number, message: string) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v.trim()) : v), z.number({ error: message }).int(message).min(min, message).max(max, message));
}

/**
 * For an object-level refinement (e.g. "confirmation matches"): run it even when other fields
 * failed, as long as the fields it reads are valid, so the person sees every problem at once.
 */
export function whenFieldsValid(...fields: string[]) {
  return {
    when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
      !payload.issues.some((issue) => fields.includes(String(issue.path?.[0] ?? ''))),
  };
}
