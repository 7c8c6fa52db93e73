import type { ImportPlan, PlanItem } from './types';

// The plan as plain text for the command line (English messages from messages/en/import.json).

export type Messages = Record<string, unknown>;

/** A message by its key (e.g. import.errors.connect), or the key itself when there is none. */
export function lookup(messages: Messages, key: string): string {
  let node: unknown = messages;
  for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'string' ? node : key;
}

const item = (messages: Messages, i: PlanItem) => `  ${lookup(messages, `import.kinds.${i.kind}`).padEnd(8)} ${i.name}: ${lookup(messages, i.key)}`;

/** The report: counts of what is (or would be) created, then what is not, then the notes. */
export function renderReport(plan: ImportPlan, messages: Messages, dryRun: boolean): string {
  const superadmins = plan.admins.filter((a) => a.superadmin).length;
  const forwards = plan.aliases.filter((a) => a.kind === 'mailbox' && a.goto.some((g) => g !== a.address)).length;
  const lines = [
    dryRun ? 'Dry run: nothing was changed. The import would create:' : 'Imported (one transaction):',
    `  ${plan.domains.length} domains (stored on Cyrus)`,
    `  ${plan.mailboxes.length} mailboxes`,
    `  ${plan.aliases.filter((a) => a.kind === 'alias').length} aliases, ${plan.aliases.filter((a) => a.kind === 'catchall').length} catch-alls, ${forwards} forwards`,
    `  ${plan.admins.length} admins (${superadmins} superadmins)`,
    '',
    `Cannot be imported (${plan.skipped.length}):`,
    ...(plan.skipped.length ? plan.skipped.map((i) => item(messages, i)) : ['  none']),
    '',
    `Imported with a note (${plan.notes.length}):`,
    ...(plan.notes.length ? plan.notes.map((i) => item(messages, i)) : ['  none']),
    '',
    lookup(messages, 'import.notMapped'),
  ];
  return lines.join('\n');
}
