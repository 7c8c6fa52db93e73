import type { ImportPlan, PlanItem } from './types';

// The plan as the page shows it: plain data (no bigint), each list cut to its first LIMIT items.

export const VIEW_LIMIT = 200;

export interface ListView<T> {
  items: T[];
  total: number;
}

export interface ReportView {
  dryRun: boolean;
  domains: ListView<string>;
  mailboxes: ListView<string>;
  aliases: ListView<{ address: string; goto: string }>;
  admins: ListView<{ username: string; superadmin: boolean; domains: string }>;
  skipped: ListView<PlanItem>;
  notes: ListView<PlanItem>;
}

function cut<T>(list: readonly T[]): ListView<T> {
  return { items: list.slice(0, VIEW_LIMIT), total: list.length };
}

export function toReportView(plan: ImportPlan, dryRun: boolean): ReportView {
  return {
    dryRun,
    domains: cut(plan.domains.map((d) => d.domain)),
    mailboxes: cut(plan.mailboxes.map((m) => m.username)),
    aliases: cut(plan.aliases.filter((a) => a.kind !== 'mailbox' || a.goto.some((g) => g !== a.address)).map((a) => ({ address: a.address, goto: a.goto.join(', ') }))),
    admins: cut(plan.admins.map((a) => ({ username: a.username, superadmin: a.superadmin, domains: a.domains.join(', ') }))),
    skipped: cut(plan.skipped),
    notes: cut(plan.notes),
  };
}
