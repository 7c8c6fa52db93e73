/** What every server action returns to its form. Messages are i18n keys (see messages/*.json). */
export interface ActionState {
  ok?: boolean;
  message?: string;
  fieldErrors?: Partial<Record<string, string[]>>;
  /** echo of the submitted fields, so a refused form keeps what the person typed */
  values?: Record<string, string>;
}

export const initialActionState: ActionState = {};
