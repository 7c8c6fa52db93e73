import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { SieveTextError } from '@/lib/mail/sieve/quote';
import { generateVacationScript } from '@/lib/mail/sieve/vacation-script';
import { formatDay } from '@/lib/vacation/rules';
import { vacationFormSchema } from '@/lib/vacation/schema';
import { saveOwnVacation, switchOffOwnVacation } from '@/lib/vacation/service';
import { applyVacationSieve } from '@/lib/vacation/sieve';
import { asCyrusOwner, countInFolder, CYRUS_SIEVE, cyrusScripts, deliverToCyrus, useCyrusVacation, vacationRecordTimes } from './helpers/cyrus-vacation';
import { sql } from './helpers/mail-fixtures';
import { bodyOf, caughtWithSubject, headerOf } from './helpers/smtp-sink';

// The out-of-office reply on a Cyrus-backed domain, end to end: PostfixAdmin's vacation row, the Sieve
// scripts on Cyrus's timsieved (as the Cyrus admin acting for the mailbox), and real mail delivered by
// Cyrus's LMTP: the reply reaches the sender once within the interval, not at all once switched off
// or outside the dates, and the owner's own Sieve rules keep working throughout.

const { dbUrl, sink } = useCyrusVacation({ away: [], rules: ['Filtered'], attack: [], later: [], daily: [] });
const DAY = 86_400_000;
const owner = (username: string) => ({ username, auditName: `${username} (192.0.2.1)` });
const form = (fields: Record<string, string> = {}) =>
  vacationFormSchema.parse({ subject: 'Away', body: 'I am away.', activeFrom: formatDay(new Date()), activeUntil: formatDay(new Date(Date.now() + 10 * DAY)), days: '7', ...fields });
const vacationRow = async (email: string) => (await sql<Record<string, unknown>[]>(dbUrl(), 'SELECT subject, body, domain, active, interval_time FROM vacation WHERE email = ?', [email]))[0];
const replies = (to: string, subject: string) => caughtWithSubject(sink(), to, subject);
const RULES = 'require ["fileinto"];\r\nif header :contains "subject" "filter-me" { fileinto "Filtered"; }\r\n';

describe('[vacation-cyrus] the reply reaches the sender once, and not once switched off', () => {
  it("switching on stores PostfixAdmin's row and puts Mailroom's scripts on Cyrus (not on Dovecot, whose settings point nowhere)", async () => {
    const input = form({ subject: 'Away until Monday', body: 'I am away.\nBack on Monday.' });
    expect(await saveOwnVacation(owner('away@cy.test'), input)).toEqual({ ok: true, message: 'vacation.saved' });
    expect(await vacationRow('away@cy.test')).toMatchObject({ subject: 'Away until Monday', domain: 'cy.test', active: 1, interval_time: 604_800 });
    expect(await cyrusScripts('away@cy.test')).toEqual([{ name: 'mailroom', active: true }, { name: 'mailroom-vacation', active: false }]);
    const expected = generateVacationScript({ address: 'away@cy.test', subject: input.subject, body: input.body, days: 7, activeFrom: input.activeFrom, activeUntil: input.activeUntil });
    expect(await asCyrusOwner('away@cy.test', (c) => c.getScript('mailroom-vacation'))).toBe(expected);
  });

  it('a sender gets the reply from Cyrus; a second mail within the interval gets none; Cyrus keeps the sender for 7 days', async () => {
    const first = await deliverToCyrus('sender@else.test', 'away@cy.test', 'first');
    const before = Math.floor(Date.now() / 1000);
    const [reply, ...more] = replies('sender@else.test', 'Away until Monday');
    expect(more).toEqual([]);
    expect(reply?.from).toBe('');
    expect(headerOf(reply!, 'From')).toBe('<away@cy.test>');
    expect(headerOf(reply!, 'In-Reply-To')).toBe(`<${first.id}>`);
    expect(headerOf(reply!, 'Auto-Submitted')).toMatch(/^auto-replied/);
    expect(bodyOf(reply!).replace(/(\r\n)+$/, '')).toBe('I am away.\r\nBack on Monday.');
    expect(await countInFolder('away@cy.test', '', first.subject)).toBe(1);
    const second = await deliverToCyrus('sender@else.test', 'away@cy.test', 'second');
    expect(await countInFolder('away@cy.test', '', second.subject)).toBe(1);
    expect(replies('sender@else.test', 'Away until Monday')).toHaveLength(1);
    const [next] = await vacationRecordTimes('away@cy.test');
    expect(next! - before).toBeGreaterThanOrEqual(7 * 86_400 - 5);
    expect(next! - before).toBeLessThanOrEqual(7 * 86_400 + 5);
  });

  it('switched off: the row stays (inactive, texts kept), the scripts go, no reply is sent', async () => {
    expect(await switchOffOwnVacation(owner('away@cy.test'))).toEqual({ ok: true, message: 'vacation.switchedOff' });
    expect(await vacationRow('away@cy.test')).toMatchObject({ active: 0, subject: 'Away until Monday' });
    expect(await cyrusScripts('away@cy.test')).toEqual([]);
    const third = await deliverToCyrus('sender2@else.test', 'away@cy.test', 'third');
    expect(await countInFolder('away@cy.test', '', third.subject)).toBe(1);
    expect(replies('sender2@else.test', 'Away until Monday')).toEqual([]);
    const logs = await getDb().log.count();
    expect(await switchOffOwnVacation(owner('away@cy.test'))).toEqual({ ok: true, message: 'vacation.switchedOff' });
    expect(await getDb().log.count()).toBe(logs);
  });

  it('one reply a day: Cyrus keeps the sender for exactly 1 day (sieve_vacation_min_response: 1d, not its default 3)', async () => {
    expect(await saveOwnVacation(owner('daily@cy.test'), form({ subject: 'Daily', days: '1' }))).toMatchObject({ ok: true });
    await deliverToCyrus('sender@else.test', 'daily@cy.test', 'daily');
    const sent = Math.floor(Date.now() / 1000);
    expect(replies('sender@else.test', 'Daily')).toHaveLength(1);
    const [next] = await vacationRecordTimes('daily@cy.test');
    expect(Math.abs(next! - sent - 86_400)).toBeLessThanOrEqual(5);
  });
});

describe("[vacation-cyrus] the owner's own Sieve script keeps working", () => {
  it('with the reply on, their active script still files mail, and the reply is sent', async () => {
    await asCyrusOwner('rules@cy.test', async (c) => {
      await c.putScript('roundcube', RULES);
      await c.setActive('roundcube');
    });
    expect(await saveOwnVacation(owner('rules@cy.test'), form({ subject: 'Rules away' }))).toMatchObject({ ok: true });
    expect(await cyrusScripts('rules@cy.test')).toEqual([{ name: 'mailroom', active: true }, { name: 'mailroom-vacation', active: false }, { name: 'roundcube', active: false }]);
    expect(await asCyrusOwner('rules@cy.test', (c) => c.getScript('roundcube'))).toBe(RULES);
    const m = await deliverToCyrus('sender3@else.test', 'rules@cy.test', 'filter-me-on');
    expect(await countInFolder('rules@cy.test', 'Filtered', m.subject)).toBe(1);
    expect(await countInFolder('rules@cy.test', '', m.subject)).toBe(0);
    expect(replies('sender3@else.test', 'Rules away')).toHaveLength(1);
  });

  it('saving again keeps their script included; switching off makes it active again, unchanged, and it still works', async () => {
    expect(await saveOwnVacation(owner('rules@cy.test'), form({ subject: 'Rules still away' }))).toMatchObject({ ok: true });
    expect(await asCyrusOwner('rules@cy.test', (c) => c.getScript('mailroom'))).toContain('include :personal :optional "roundcube";');
    expect(await switchOffOwnVacation(owner('rules@cy.test'))).toMatchObject({ ok: true });
    expect(await cyrusScripts('rules@cy.test')).toEqual([{ name: 'roundcube', active: true }]);
    expect(await asCyrusOwner('rules@cy.test', (c) => c.getScript('roundcube'))).toBe(RULES);
    const m = await deliverToCyrus('sender4@else.test', 'rules@cy.test', 'filter-me-off');
    expect(await countInFolder('rules@cy.test', 'Filtered', m.subject)).toBe(1);
    expect(replies('sender4@else.test', 'Rules still away')).toEqual([]);
  });
});

describe('[vacation-cyrus] text written to break out of the script', () => {
  it('arrives as text, line for line, and the mail is delivered', async () => {
    const subject = '"; discard; # \\ . Köln';
    const body = '"; discard; #\n.\n\\\n.. two dots\n}\nstop;';
    expect(await saveOwnVacation(owner('attack@cy.test'), form({ subject, body }))).toMatchObject({ ok: true });
    const m = await deliverToCyrus('sender5@else.test', 'attack@cy.test', 'attack');
    expect(await countInFolder('attack@cy.test', '', m.subject)).toBe(1);
    const [reply] = replies('sender5@else.test', subject);
    expect(bodyOf(reply!).replace(/(\r\n)+$/, '')).toBe(body.replace(/\n/g, '\r\n'));
  });

  it('a subject with a line break is refused by the form and by the script generator; Cyrus is left as it was', async () => {
    const refused = vacationFormSchema.safeParse({ subject: 'Away\r\nBcc: victim@else.test', body: 'x', activeFrom: formatDay(new Date()), activeUntil: formatDay(new Date()), days: '7' });
    expect(refused.success ? [] : refused.error.issues.map((i) => [i.path[0], i.message])).toEqual([['subject', 'vacation.errors.subjectChars']]);
    const before = await asCyrusOwner('attack@cy.test', (c) => c.getScript('mailroom-vacation'));
    const attempt = applyVacationSieve(CYRUS_SIEVE, 'attack@cy.test', { subject: 'Away\r\nBcc: victim@else.test', body: 'x', days: 1, activeFrom: new Date(), activeUntil: new Date(Date.now() + DAY) });
    await expect(attempt).rejects.toThrow(SieveTextError);
    expect(await asCyrusOwner('attack@cy.test', (c) => c.getScript('mailroom-vacation'))).toBe(before);
    expect(await cyrusScripts('attack@cy.test')).toEqual([{ name: 'mailroom', active: true }, { name: 'mailroom-vacation', active: false }]);
  });
});

describe('[vacation-cyrus] dates', () => {
  it('a reply starting tomorrow sends nothing today; one that ended yesterday neither', async () => {
    const tomorrow = formatDay(new Date(Date.now() + DAY));
    expect(await saveOwnVacation(owner('later@cy.test'), form({ subject: 'Later', activeFrom: tomorrow, activeUntil: tomorrow }))).toMatchObject({ ok: true });
    const early = await deliverToCyrus('sender6@else.test', 'later@cy.test', 'early');
    expect(await countInFolder('later@cy.test', '', early.subject)).toBe(1);
    const yesterday = new Date(Date.now() - DAY);
    await applyVacationSieve(CYRUS_SIEVE, 'later@cy.test', { subject: 'Later', body: 'x', days: 1, activeFrom: new Date(yesterday.getTime() - DAY), activeUntil: yesterday });
    const late = await deliverToCyrus('sender6@else.test', 'later@cy.test', 'late');
    expect(await countInFolder('later@cy.test', '', late.subject)).toBe(1);
    expect(replies('sender6@else.test', 'Later')).toEqual([]);
    // the same script with today inside the dates does reply: the silence above is the dates' doing
    await applyVacationSieve(CYRUS_SIEVE, 'later@cy.test', { subject: 'Later', body: 'x', days: 1, activeFrom: yesterday, activeUntil: new Date(Date.now() + DAY) });
    await deliverToCyrus('sender6@else.test', 'later@cy.test', 'now');
    expect(replies('sender6@else.test', 'Later')).toHaveLength(1);
  });
});
