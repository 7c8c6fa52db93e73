// The vacation reply's data as PostfixAdmin keeps it (`vacation` table, read by its vacation.pl) and
// as the form shows it. PostfixAdmin's interval_time is in seconds: 0 = one reply per sender for the
// whole absence, 1 = a reply to every mail, N = at most one reply per sender every N seconds. Sieve
// counts whole days (RFC 5230 :days, at least 1), so the form asks for days and stores days × 86400.
// The dates are days in UTC (the interface shows every time in UTC): from 00:00:00 to 23:59:59.

export const DAY_SECONDS = 86_400;
/** the longest interval offered; Cyrus caps :days at 90 by default */
export const MAX_DAYS = 90;
/** PostfixAdmin's "once a week", its own suggested choice */
export const DEFAULT_DAYS = 7;

/** Days between two replies to one sender, for a stored interval_time (0 = once: the longest). */
export function intervalToDays(seconds: number): number {
  if (seconds <= 0) return MAX_DAYS;
  return Math.min(MAX_DAYS, Math.max(1, Math.ceil(seconds / DAY_SECONDS)));
}

export function daysToInterval(days: number): number {
  return days * DAY_SECONDS;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A `YYYY-MM-DD` day as midnight UTC, or null when it is not a real date (2024-02-30) or out of range. */
export function parseDay(value: string): Date | null {
  const m = DATE.exec(value.trim());
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  // TIMESTAMP columns (activefrom, activeuntil) hold 1970-01-01 .. 2038-01-19
  if (date.getUTCFullYear() < 1971 || date.getUTCFullYear() > 2037) return null;
  return date.toISOString().slice(0, 10) === m.slice(1, 4).join('-') ? date : null;
}

/** The stored window for a from-day and an until-day: the first and the last second, UTC. */
export function vacationWindow(from: Date, until: Date): { activeFrom: Date; activeUntil: Date } {
  return { activeFrom: from, activeUntil: new Date(until.getTime() + DAY_SECONDS * 1000 - 1000) };
}

/** `YYYY-MM-DD` of an instant, in UTC. */
export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Midnight UTC of the day of `now`. */
export function startOfDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export interface StoredVacation {
  active: boolean;
  subject: string;
  body: string;
  activefrom: Date;
  activeuntil: Date;
  intervalTime: number;
}

/** Replying right now: on, and now within the window (vacation.pl's own test). */
export function isReplying(v: Pick<StoredVacation, 'active' | 'activefrom' | 'activeuntil'>, now: Date): boolean {
  return v.active && v.activefrom <= now && now <= v.activeuntil;
}

/**
 * What the form starts with: the stored texts and interval; dates already past are moved to today and
 * tomorrow (as PostfixAdmin's form does), so saving again does not end at once.
 */
export function vacationFormDefaults(v: StoredVacation | null, now: Date): { subject: string; body: string; activeFrom: string; activeUntil: string; days: number } {
  const today = startOfDay(now);
  const tomorrow = new Date(today.getTime() + DAY_SECONDS * 1000);
  if (!v) return { subject: '', body: '', activeFrom: formatDay(today), activeUntil: formatDay(tomorrow), days: DEFAULT_DAYS };
  const until = v.activeuntil < now ? tomorrow : v.activeuntil;
  const from = v.activefrom < today ? today : v.activefrom;
  return { subject: v.subject, body: v.body, activeFrom: formatDay(from), activeUntil: formatDay(until), days: intervalToDays(v.intervalTime) };
}
