import { describe, expect, it } from 'vitest';
import { formatDay, intervalToDays, isReplying, MAX_DAYS, parseDay, vacationFormDefaults, vacationWindow } from './rules';
import { vacationFormSchema } from './schema';

const d = (iso: string) => new Date(iso);

describe('the reply interval (PostfixAdmin seconds, Sieve days)', () => {
  it.each([
    [0, MAX_DAYS, "PostfixAdmin's \"reply once\": the longest interval"],
    [1, 1, 'PostfixAdmin\'s "every mail": the shortest Sieve allows'],
    [3600, 1, 'an hour'],
    [86_400, 1, 'a day'],
    [86_401, 2, 'a day and a second'],
    [604_800, 7, "PostfixAdmin's \"once a week\""],
    [86_400 * 365, MAX_DAYS, 'a year: capped'],
  ])('%i seconds -> %i days (%s)', (seconds, days) => {
    expect(intervalToDays(seconds)).toBe(days);
  });
});

describe('days', () => {
  it.each([
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    [' 2025-07-14 ', '2025-07-14T00:00:00.000Z'],
    ['2037-12-31', '2037-12-31T00:00:00.000Z'],
  ])('%j is a day', (input, iso) => {
    expect(parseDay(input)?.toISOString()).toBe(iso);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-00-10', '14/07/2025', '2025-7-14', '', '1970-01-01', '2038-01-19', "2025-07-14'; DROP TABLE vacation;--"])('%j is not', (input) => {
    expect(parseDay(input)).toBeNull();
  });

  it('the window runs from the first second of the first day to the last second of the last day (UTC)', () => {
    const w = vacationWindow(d('2024-05-01T00:00:00Z'), d('2024-05-10T00:00:00Z'));
    expect([w.activeFrom.toISOString(), w.activeUntil.toISOString()]).toEqual(['2024-05-01T00:00:00.000Z', '2024-05-10T23:59:59.000Z']);
    expect(formatDay(w.activeUntil)).toBe('2024-05-10');
  });

  it('replying = on and now within the window, ends included (vacation.pl\'s test)', () => {
    const v = { active: true, activefrom: d('2024-05-01T00:00:00Z'), activeuntil: d('2024-05-10T23:59:59Z') };
    expect(isReplying(v, d('2024-05-01T00:00:00Z'))).toBe(true);
    expect(isReplying(v, d('2024-05-10T23:59:59Z'))).toBe(true);
    expect(isReplying(v, d('2024-04-30T23:59:59Z'))).toBe(false);
    expect(isReplying(v, d('2024-05-11T00:00:00Z'))).toBe(false);
    expect(isReplying({ ...v, active: false }, d('2024-05-05T00:00:00Z'))).toBe(false);
  });
});

describe('the form starts from', () => {
  const now = d('2024-06-15T10:30:00Z');
  it('nothing stored: today to tomorrow, once a week (PostfixAdmin\'s defaults)', () => {
    expect(vacationFormDefaults(null, now)).toEqual({ subject: '', body: '', activeFrom: '2024-06-15', activeUntil: '2024-06-16', days: 7 });
  });

  it('a stored reply: its texts and interval; past dates move to today and tomorrow', () => {
    const stored = { active: false, subject: 'Away', body: 'Back soon', activefrom: d('2024-01-01T00:00:00Z'), activeuntil: d('2024-01-10T23:59:59Z'), intervalTime: 0 };
    expect(vacationFormDefaults(stored, now)).toEqual({ subject: 'Away', body: 'Back soon', activeFrom: '2024-06-15', activeUntil: '2024-06-16', days: MAX_DAYS });
    const future = { ...stored, activefrom: d('2024-07-01T00:00:00Z'), activeuntil: d('2024-07-20T23:59:59Z'), intervalTime: 86_400 * 3 };
    expect(vacationFormDefaults(future, now)).toMatchObject({ activeFrom: '2024-07-01', activeUntil: '2024-07-20', days: 3 });
  });
});

const form = (fields: Record<string, string>) => vacationFormSchema.safeParse({ subject: 'Away', body: 'Back soon.', activeFrom: '2030-01-01', activeUntil: '2030-01-31', days: '7', ...fields });
const errors = (r: ReturnType<typeof form>) => (r.success ? [] : r.error.issues.map((i) => [String(i.path[0]), i.message]));

describe('the vacation form', () => {
  it('a good form: trimmed subject, LF line breaks, the UTC window, days', () => {
    const r = form({ subject: '  Away  ', body: 'Line 1\r\nLine 2\r\n\r\n' });
    expect(r.success && r.data).toEqual({ subject: 'Away', body: 'Line 1\nLine 2', days: 7, activeFrom: d('2030-01-01T00:00:00Z'), activeUntil: d('2030-01-31T23:59:59Z') });
  });

  it('text written to break out of a Sieve script is accepted as text (the script escapes it)', () => {
    const r = form({ subject: '"; discard; #', body: '.\n"; discard; #\n\\\n.' });
    expect(r.success && [r.data.subject, r.data.body]).toEqual(['"; discard; #', '.\n"; discard; #\n\\\n.']);
  });

  it.each([
    [{ subject: '' }, [['subject', 'vacation.errors.subjectRequired']]],
    [{ subject: 'x'.repeat(256) }, [['subject', 'vacation.errors.subjectTooLong']]],
    [{ subject: 'Away\r\nBcc: victim@example.test' }, [['subject', 'vacation.errors.subjectChars']]],
    [{ subject: 'Away\nX' }, [['subject', 'vacation.errors.subjectChars']]],
    [{ subject: 'Away\0' }, [['subject', 'vacation.errors.subjectChars']]],
    [{ body: ' \n ' }, [['body', 'vacation.errors.bodyRequired']]],
    [{ body: 'a\0b' }, [['body', 'vacation.errors.bodyChars']]],
    [{ body: 'a\u0007b' }, [['body', 'vacation.errors.bodyChars']]],
    [{ body: 'é'.repeat(32_768) }, [['body', 'vacation.errors.bodyTooLong']]],
    [{ activeFrom: '2030-02-30' }, [['activeFrom', 'vacation.errors.date']]],
    [{ activeUntil: '2029-12-31' }, [['activeUntil', 'vacation.errors.untilBeforeFrom']]],
    [{ activeFrom: '2020-01-01', activeUntil: '2020-01-02' }, [['activeUntil', 'vacation.errors.untilPast']]],
    [{ days: '0' }, [['days', 'vacation.errors.days']]],
    [{ days: String(MAX_DAYS + 1) }, [['days', 'vacation.errors.days']]],
    [{ days: '1.5' }, [['days', 'vacation.errors.days']]],
    [{ subject: '', days: 'x', activeUntil: '2029-01-01' }, [['subject', 'vacation.errors.subjectRequired'], ['days', 'vacation.errors.days'], ['activeUntil', 'vacation.errors.untilBeforeFrom']]],
  ])('%j is refused next to its field', (fields, expected) => {
    expect(errors(form(fields))).toEqual(expected);
  });

  it('a body of exactly 65,535 bytes fits the TEXT column', () => {
    expect(form({ body: 'x'.repeat(65_535) }).success).toBe(true);
  });
});
