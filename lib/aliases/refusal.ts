import type { ActionState } from '@/lib/actions/action-state';

/** Thrown inside a transaction to roll it back and answer the form with `state` instead. */
export class Refusal extends Error {
  constructor(readonly state: ActionState) {
    super('refused');
  }
}

/** Runs `fn`; a Refusal thrown inside becomes its answer, anything else propagates. */
export async function answerRefusal(fn: () => Promise<ActionState>): Promise<ActionState> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof Refusal) return err.state;
    throw err;
  }
}
