import type { Actor } from '@/lib/auth/permissions';
import { writeAuditLog } from '@/lib/audit-log/write';
import { getDb, type Tx } from '@/lib/db/client';

// Every change to `mailroom_setting` is audited in PostfixAdmin's `log` (domain '' = the whole
// installation, action `edit_settings`), whichever form made it: the rows are read before and after
// the change in the same transaction and the difference is written, one "name: old -> new" per value
// (ASCII arrows: the log table is latin1).
// A value whose name ends in password is never written: only that it changed.

const MAX_VALUE = 120;

type Snapshot = Map<string, string>;

/** A stored value as the log shows it: JSON, cut to a readable length. */
function shown(value: unknown): string {
  if (value === undefined) return '(default)';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

function parse(json: string | undefined): unknown {
  if (json === undefined) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** `cyrusAdminPassword`, `manageSieve.masterPassword`: a name ending in password (not `passwordMinLength`). */
const isSecret = (key: string): boolean => /password$/i.test(key);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One entry per changed value; objects are compared key by key (`mailClients.imapHost`). */
export function describeSettingChanges(before: Snapshot, after: Snapshot): string[] {
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((name) => {
    if (before.get(name) === after.get(name)) return [];
    const [old, now] = [parse(before.get(name)), parse(after.get(name))];
    const pairs: [string, unknown, unknown][] =
      (isRecord(old) || old === undefined) && (isRecord(now) || now === undefined)
        ? [...new Set([...Object.keys(old ?? {}), ...Object.keys(now ?? {})])].sort().map((k) => [`${name}.${k}`, old?.[k], now?.[k]])
        : [[name, old, now]];
    return pairs
      .filter(([, a, b]) => JSON.stringify(a) !== JSON.stringify(b))
      .map(([key, a, b]) => (isSecret(key) ? `${key}: changed` : `${key}: ${shown(a)} -> ${shown(b)}`));
  });
}

async function snapshot(tx: Tx): Promise<Snapshot> {
  // FOR UPDATE: two admins saving at once are audited one after the other, each against what it replaced
  const rows = await tx.$queryRaw<{ name: string; value: string }[]>`SELECT name, value FROM mailroom_setting FOR UPDATE`;
  return new Map(rows.map((r) => [r.name, r.value]));
}

/** Runs `change` in one transaction with the audit row of what it changed (none when nothing did). */
export async function changeSettings<T>(actor: Pick<Actor, 'auditName'>, change: (tx: Tx) => Promise<T>): Promise<T> {
  return getDb().$transaction(async (tx) => {
    const before = await snapshot(tx);
    const result = await change(tx);
    const changes = describeSettingChanges(before, await snapshot(tx));
    if (changes.length > 0) await writeAuditLog(tx, { actor, domain: '', action: 'edit_settings', data: changes.join('; ') });
    return result;
  });
}
