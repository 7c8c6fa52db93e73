// When a failed job runs again, and for how long a claim holds (pure).

/** After this many attempts a job that keeps failing is marked failed (the mailbox page offers a retry). */
export const MAX_ATTEMPTS = 8;

/** A claimed job is someone's for this long; after it (a crashed runner), another runner may take it. */
export const LEASE_SECONDS = 300;

const FIRST_DELAY_SECONDS = 30;
const MAX_DELAY_SECONDS = 3600;

/** Seconds to wait after the `attempts`-th failed attempt: 30 s, doubling, at most an hour. */
export function backoffSeconds(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** Math.min(n - 1, 20));
}

export type JobOutcome = { ok: true } | { ok: false; error: string; permanent: boolean };

export type NextState = { state: 'done' } | { state: 'failed'; error: string } | { state: 'pending'; error: string; delaySeconds: number };

/** What a job becomes after an attempt: done, failed for good, or pending again after a backoff. */
export function nextState(outcome: JobOutcome, attempts: number): NextState {
  if (outcome.ok) return { state: 'done' };
  if (outcome.permanent || attempts >= MAX_ATTEMPTS) return { state: 'failed', error: outcome.error };
  return { state: 'pending', error: outcome.error, delaySeconds: backoffSeconds(attempts) };
}
