'use server';

import { revalidatePath } from 'next/cache';
import type { ActionState } from '@/lib/actions/action-state';
import { adminAction } from '@/lib/actions/admin-action';
import { runWebCyradmImport } from './importer';
import { importFormSchema } from './schema';
import { redactUrl } from './source';
import { toReportView, type ReportView } from './view';

export interface ImportState extends ActionState {
  report?: ReportView;
}

/** A dry run (intent=dryRun) or the import (intent=import) of a web-cyradm database; superadmins only. */
export async function webCyradmImportAction(prev: ImportState, formData: FormData): Promise<ImportState> {
  let report: ReportView | undefined;
  const action = adminAction(importFormSchema, async (actor, input) => {
    const dryRun = input.intent === 'dryRun';
    const outcome = await runWebCyradmImport(actor, { url: input.url, passwords: input.scheme, adminDomain: input.adminDomain, cyrusQuotas: input.cyrusQuotas, dryRun });
    // only the message key reaches the page: the detail may hold server or database text
    if (!outcome.ok) return { message: outcome.key };
    report = toReportView(outcome.plan, dryRun);
    if (!dryRun) revalidatePath('/domains');
    return { ok: true, message: dryRun ? 'import.dryRunDone' : 'import.imported' };
  });
  const state = await action(prev, formData);
  // a password typed into the URL is not sent back
  const values = state.values?.sourceUrl ? { ...state.values, sourceUrl: redactUrl(state.values.sourceUrl) } : state.values;
  return { ...state, ...(values ? { values } : {}), ...(report ? { report } : {}) };
}
