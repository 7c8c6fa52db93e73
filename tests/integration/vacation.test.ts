import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { ManageSieveClient } from '@/lib/mail/sieve/managesieve';
import { formatDay } from '@/lib/vacation/rules';
import { vacationFormSchema } from '@/lib/vacation/schema';
import { saveOwnVacation, switchOffOwnVacation, switchOffVacation } from '@/lib/vacation/service';
import { applyVacationSieve, listSieveScripts } from '@/lib/vacation/sieve';
import { saveManageSieveSettings } from '@/lib/vacation/sieve-settings';
import { domainAdmin } from './helpers/app-db';
import { sendMail, testMessage } from './helpers/mail-protocols';
import { insertDomains, insertMailboxes, sql } from './helpers/mail-fixtures';
import { LMTP_TRANSPORT, marker, PORTS, SIEVE_MASTER, waitForMail } from './helpers/mailstack';
import { logLinesFor, messagesWithSubject, SIEVE_SETTINGS, useSelfServiceStack, waitForLog } from './helpers/self-service';

// The out-of-office reply end to end: PostfixAdmin's vacation row, the Sieve scripts over ManageSieve,
// and real mail through Postfix and Dovecot: the reply reaches the sender once, never twice within the
// interval, and not at all once switched off; the owner's own Sieve rules keep working throughout.

const stack = useSelfServiceStack();
const db = () => stack().dbUrl;
const DAY = 86_400_000;
const owner = (username: string) => ({ username, auditName: `${username} (192.0.2.1)` });
const form = (fields: Record<string, string> = {}) =>
  vacationFormSchema.parse({ subject: 'Away', body: 'I am away.', activeFrom: formatDay(new Date()), activeUntil: formatDay(new Date(Date.now() + 10 * DAY)), days: '7', ...fields });
const scripts = async (mailbox: string) => (await listSieveScripts(SIEVE_SETTINGS, mailbox)).sort((a, b) => a.name.localeCompare(b.name));
const vacationRow = async (email: string) =>
  (await sql<Record<string, unknown>[]>(db(), 'SELECT email, subject, body, cache, domain, active, activefrom, activeuntil, interval_time FROM vacation WHERE email = ?', [email]))[0];

/** Sends one message from `from` to `to`; returns its Subject marker and Message-ID. */
async function mail(from: string, to: string, name: string): Promise<{ subject: string; id: string }> {
  const subject = marker(name);
  const { data } = await sendMail(PORTS.smtp, from, [to], testMessage(from, to, subject));
  expect(data?.code).toBe(250);
  return { subject, id: `${subject}@tests.mailroom.test` };
}

async function asOwner<T>(mailbox: string, work: (c: ManageSieveClient) => Promise<T>): Promise<T> {
  const client = await ManageSieveClient.connect({ host: '127.0.0.1', port: PORTS.sieve });
  try {
    await client.authenticatePlain(SIEVE_MASTER.user, SIEVE_MASTER.password, mailbox);
    return await work(client);
  } finally {
    await client.logout();
  }
}

beforeAll(async () => {
  await insertDomains(db(), [{ domain: 'v.test', transport: LMTP_TRANSPORT }]);
  const boxes = ['away', 'sender', 'attack', 'sender2', 'rules', 'sender3', 'later', 'sender4', 'pfa'].map((l) => ({ username: `${l}@v.test` }));
  await insertMailboxes(db(), [...boxes, { username: 'off@v.test', active: false }]);
});

describe('[vacation] the reply reaches the sender once, and not once switched off', () => {
  it("switching on stores PostfixAdmin's row (notifications cleared, its own auto-reply address dropped) and activates Mailroom's scripts", async () => {
    // a reply PostfixAdmin had set before: its row, a notification, and its vacation.pl address in goto
    await sql(db(), "INSERT INTO vacation (email, subject, body, cache, domain, active, created) VALUES ('away@v.test', 'old', 'old', '', 'v.test', 0, NOW())");
    await sql(db(), "INSERT INTO vacation_notification (on_vacation, notified) VALUES ('away@v.test', 'someone@else.test')");
    await sql(db(), "UPDATE alias SET goto = 'away#v.test@autoreply.v.test,away@v.test' WHERE address = 'away@v.test'");
    const input = form({ subject: 'Away until Monday', body: 'I am away.\nBack on Monday.' });
    expect(await saveOwnVacation(owner('away@v.test'), input)).toEqual({ ok: true, message: 'vacation.saved' });
    const row = await vacationRow('away@v.test');
    expect(row).toMatchObject({ email: 'away@v.test', subject: 'Away until Monday', body: 'I am away.\nBack on Monday.', cache: '', domain: 'v.test', active: 1, interval_time: 604_800 });
    expect([(row?.activefrom as Date).toISOString(), (row?.activeuntil as Date).toISOString()]).toEqual([input.activeFrom.toISOString(), input.activeUntil.toISOString()]);
    expect(await sql(db(), "SELECT * FROM vacation_notification WHERE on_vacation = 'away@v.test'")).toEqual([]);
    expect(await sql(db(), "SELECT goto FROM alias WHERE address = 'away@v.test'")).toEqual([{ goto: 'away@v.test' }]);
    expect(await sql(db(), "SELECT action, username FROM log WHERE domain = 'v.test' ORDER BY id")).toEqual([
      { action: 'edit_vacation', username: 'away@v.test (192.0.2.1)' },
      { action: 'edit_alias', username: 'away@v.test (192.0.2.1)' },
    ]);
    expect(await scripts('away@v.test')).toEqual([{ name: 'mailroom', active: true }, { name: 'mailroom-vacation', active: false }]);
  });

  it('a sender gets the reply; a second mail within the interval gets none', async () => {
    const first = await mail('sender@v.test', 'away@v.test', 'first');
    await waitForMail('v.test/away/', first.subject);
    const reply = (await waitForMail('v.test/sender/', 'Away until Monday')).content;
    expect(reply).toMatch(/^From: away@v\.test$/m);
    expect(reply).toMatch(new RegExp(`^In-Reply-To: <${first.id}>$`, 'm'));
    expect(reply).toMatch(/^Auto-Submitted: auto-replied/m);
    expect(reply).toContain('I am away.\nBack on Monday.');
    const second = await mail('sender@v.test', 'away@v.test', 'second');
    await waitForLog(second.id, /discarded duplicate vacation response to <sender@v\.test>/);
    await waitForMail('v.test/away/', second.subject);
    expect(await messagesWithSubject('v.test/sender/', 'Away until Monday')).toHaveLength(1);
  });

  it('switched off: the row stays (inactive, texts kept), the scripts go, no reply is sent', async () => {
    expect(await switchOffOwnVacation(owner('away@v.test'))).toEqual({ ok: true, message: 'vacation.switchedOff' });
    expect(await vacationRow('away@v.test')).toMatchObject({ active: 0, subject: 'Away until Monday' });
    expect(await scripts('away@v.test')).toEqual([]);
    const third = await mail('sender2@v.test', 'away@v.test', 'third');
    await waitForMail('v.test/away/', third.subject);
    expect((await logLinesFor(third.id)).filter((l) => /vacation/.test(l))).toEqual([]);
    expect(await messagesWithSubject('v.test/sender2/', 'Away until Monday')).toEqual([]);
    // switching off again changes nothing and logs nothing
    const logs = await getDb().log.count();
    expect(await switchOffOwnVacation(owner('away@v.test'))).toEqual({ ok: true, message: 'vacation.switchedOff' });
    expect(await getDb().log.count()).toBe(logs);
  });

  it('text written to break out of the script arrives as text, and the mail is delivered', async () => {
    const subject = '"; discard; # \\ .';
    const body = '"; discard; #\n.\n\\\n.. two dots\nstop;';
    expect(await saveOwnVacation(owner('attack@v.test'), form({ subject, body }))).toMatchObject({ ok: true });
    const m = await mail('sender2@v.test', 'attack@v.test', 'attack');
    await waitForMail('v.test/attack/', m.subject);
    await waitForLog(m.id, /sent vacation response/);
    const reply = (await waitForMail('v.test/sender2/', subject)).content.replace(/\r\n/g, '\n');
    // the body, line for line (Pigeonhole ends it with an empty line)
    expect(reply.slice(reply.indexOf('\n\n') + 2).replace(/\n+$/, '')).toBe(body);
  });
});

describe("[vacation] the owner's own Sieve script keeps working", () => {
  const RULES = 'require ["fileinto", "mailbox"];\r\nif header :contains "subject" "filter-me" { fileinto :create "Filtered"; }\r\n';

  it('with the reply on, their active script still files mail, and the reply is sent', async () => {
    await asOwner('rules@v.test', async (c) => {
      await c.putScript('my rules', RULES);
      await c.setActive('my rules');
    });
    expect(await saveOwnVacation(owner('rules@v.test'), form({ subject: 'Rules away' }))).toMatchObject({ ok: true });
    expect(await scripts('rules@v.test')).toEqual([{ name: 'mailroom', active: true }, { name: 'mailroom-vacation', active: false }, { name: 'my rules', active: false }]);
    expect(await asOwner('rules@v.test', (c) => c.getScript('my rules'))).toBe(RULES);
    const m = await mail('sender3@v.test', 'rules@v.test', 'filter-me-on');
    await waitForMail('v.test/rules/.Filtered/', m.subject);
    await waitForMail('v.test/sender3/', 'Rules away');
  });

  it('saving again keeps their script included; switching off makes it active again, unchanged, and it still works', async () => {
    expect(await saveOwnVacation(owner('rules@v.test'), form({ subject: 'Rules away' }))).toMatchObject({ ok: true });
    expect(await asOwner('rules@v.test', (c) => c.getScript('mailroom'))).toContain('include :personal :optional "my rules";');
    expect(await switchOffOwnVacation(owner('rules@v.test'))).toMatchObject({ ok: true });
    expect(await scripts('rules@v.test')).toEqual([{ name: 'my rules', active: true }]);
    expect(await asOwner('rules@v.test', (c) => c.getScript('my rules'))).toBe(RULES);
    const m = await mail('sender4@v.test', 'rules@v.test', 'filter-me-off');
    await waitForMail('v.test/rules/.Filtered/', m.subject);
    expect((await logLinesFor(m.id)).filter((l) => /vacation/.test(l))).toEqual([]);
  });
});

describe('[vacation] dates', () => {
  it('a reply starting tomorrow sends nothing today; one that ended yesterday neither', async () => {
    const tomorrow = formatDay(new Date(Date.now() + DAY));
    expect(await saveOwnVacation(owner('later@v.test'), form({ subject: 'Later', activeFrom: tomorrow, activeUntil: tomorrow }))).toMatchObject({ ok: true });
    const early = await mail('sender4@v.test', 'later@v.test', 'early');
    await waitForMail('v.test/later/', early.subject);
    expect((await logLinesFor(early.id)).filter((l) => /vacation/.test(l))).toEqual([]);
    const yesterday = new Date(Date.now() - DAY);
    await applyVacationSieve(SIEVE_SETTINGS, 'later@v.test', { subject: 'Later', body: 'x', days: 1, activeFrom: new Date(yesterday.getTime() - DAY), activeUntil: yesterday });
    const late = await mail('sender4@v.test', 'later@v.test', 'late');
    await waitForMail('v.test/later/', late.subject);
    expect((await logLinesFor(late.id)).filter((l) => /vacation/.test(l))).toEqual([]);
    expect(await messagesWithSubject('v.test/sender4/', 'Later')).toEqual([]);
  });
});

describe('[vacation] failures change nothing', () => {
  it('the mail server unreachable: refused, the row and the log untouched', async () => {
    const before = await vacationRow('later@v.test');
    const logs = await getDb().log.count();
    await saveManageSieveSettings(getDb(), { ...SIEVE_SETTINGS, port: 1 });
    try {
      expect(await saveOwnVacation(owner('later@v.test'), form({ subject: 'Changed' }))).toEqual({ message: 'vacation.errors.mailServer' });
      expect(await switchOffOwnVacation(owner('later@v.test'))).toEqual({ message: 'vacation.errors.mailServer' });
    } finally {
      await saveManageSieveSettings(getDb(), SIEVE_SETTINGS);
    }
    expect(await vacationRow('later@v.test')).toEqual(before);
    expect(await getDb().log.count()).toBe(logs);
  });

  it('an inactive mailbox is refused', async () => {
    expect(await saveOwnVacation(owner('off@v.test'), form())).toEqual({ message: 'vacation.errors.inactive' });
    expect(await vacationRow('off@v.test')).toBeUndefined();
  });

  it("without ManageSieve, switching on is refused; switching off still ends a PostfixAdmin reply (row and vacation.pl address)", async () => {
    await sql(db(), "INSERT INTO vacation (email, subject, body, cache, domain, active, created) VALUES ('pfa@v.test', 'PFA away', 'b', '', 'v.test', 1, NOW())");
    await sql(db(), "UPDATE alias SET goto = 'pfa#v.test@autoreply.v.test' WHERE address = 'pfa@v.test'");
    await sql(db(), "DELETE FROM mailroom_setting WHERE name = 'manageSieve'");
    try {
      expect(await saveOwnVacation(owner('pfa@v.test'), form())).toEqual({ message: 'vacation.errors.notConfigured' });
      expect(await vacationRow('pfa@v.test')).toMatchObject({ subject: 'PFA away', active: 1 });
      expect(await switchOffOwnVacation(owner('pfa@v.test'))).toEqual({ ok: true, message: 'vacation.switchedOff' });
      expect(await vacationRow('pfa@v.test')).toMatchObject({ subject: 'PFA away', active: 0 });
      // its only target was the auto-reply: the mailbox keeps its mail
      expect(await sql(db(), "SELECT goto FROM alias WHERE address = 'pfa@v.test'")).toEqual([{ goto: 'pfa@v.test' }]);
    } finally {
      await saveManageSieveSettings(getDb(), SIEVE_SETTINGS);
    }
  });
});

describe('[vacation] admins', () => {
  it('a domain admin of another domain cannot switch a reply off (same answer as a missing mailbox)', async () => {
    expect(await saveOwnVacation(owner('attack@v.test'), form({ subject: 'Admin test' }))).toMatchObject({ ok: true });
    expect(await switchOffVacation(domainAdmin('other.test'), 'attack@v.test')).toEqual({ message: 'errors.notFound' });
    expect(await switchOffVacation(domainAdmin('v.test'), 'nobody@v.test')).toEqual({ message: 'errors.notFound' });
    expect(await vacationRow('attack@v.test')).toMatchObject({ active: 1 });
  });

  it("the domain's admin switches it off: audited under their name, scripts removed", async () => {
    expect(await switchOffVacation(domainAdmin('v.test'), 'attack@v.test')).toEqual({ ok: true, message: 'vacation.switchedOff' });
    expect(await vacationRow('attack@v.test')).toMatchObject({ active: 0 });
    expect(await getDb().log.findFirst({ orderBy: { id: 'desc' }, select: { action: true, username: true, data: true } })).toEqual({ action: 'edit_vacation', username: 'domain admin', data: 'attack@v.test: off' });
    expect(await scripts('attack@v.test')).toEqual([]);
  });
});
