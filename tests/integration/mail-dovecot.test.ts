import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword, WRITABLE_SCHEMES } from '@/lib/passwords/hash';
import { imapQuote, openImap, openSmtp, sendMail, testMessage } from './helpers/mail-protocols';
import { insertDomains, insertMailboxes, sql } from './helpers/mail-fixtures';
import { doveadm, dovecotAccepts, imapLogin, LMTP_TRANSPORT, marker, PORTS, useMailStack, waitForMail } from './helpers/mailstack';

// The real Dovecot reads Mailroom's database through the generated files: passwords of every scheme,
// IMAP login, the quota limit from mailbox.quota, usage written to quota2, over-quota refusals.

const stack = useMailStack();
const run = promisify(execFile);
const db = () => stack().dbUrl;
const PASSWORD = `pä"ss w'ord\\#1`;

const setRow = (username: string, column: 'password' | 'quota' | 'active', value: string | number) =>
  sql(db(), `UPDATE mailbox SET ${column} = ? WHERE username = ?`, [value, username]);


/** STORAGE usage and limit in KiB as IMAP reports them (GETQUOTAROOT INBOX); limit null = none. */
async function imapQuota(user: string, password: string): Promise<{ used: number; limit: number } | null> {
  const imap = await openImap(PORTS.imap);
  try {
    expect((await imap.command(`LOGIN ${imapQuote(user)} ${imapQuote(password)}`)).status).toBe('OK');
    const { status, lines } = await imap.command('GETQUOTAROOT INBOX');
    expect(status).toBe('OK');
    const m = lines.map((l) => /^\* QUOTA .*\(STORAGE (\d+) (\d+)/.exec(l)).find(Boolean);
    return m ? { used: Number(m[1]), limit: Number(m[2]) } : null;
  } finally {
    imap.close();
  }
}

/** `doveadm quota get`: the STORAGE row's value and limit (KiB; '-' = unlimited). */
async function doveadmQuota(user: string): Promise<{ value: string; limit: string }> {
  const { ok, stdout } = await doveadm('quota', 'get', '-u', user);
  expect(ok).toBe(true);
  const row = stdout.split('\n').find((l) => l.includes('STORAGE'))!;
  const [value, limit] = row.replace(/^User quota\s+STORAGE\s+/, '').trim().split(/\s+/);
  return { value: value!, limit: limit! };
}

const quota2 = async (username: string) =>
  (await sql<{ bytes: bigint; messages: number }[]>(db(), 'SELECT bytes, messages FROM quota2 WHERE username = ?', [username])).map((r) => ({ bytes: Number(r.bytes), messages: r.messages }))[0];

const doveadmPw = async (scheme: string, plain: string) => (await run('doveadm', ['pw', '-s', scheme, '-p', plain])).stdout.trim();
const bare = (stored: string) => stored.replace(/^\{[A-Z0-9-]+\}/, '');

// [how the row's password was written, producer]; DES keeps 8 bytes, so its wrong password differs early
const STORED: [string, (plain: string) => Promise<string>][] = [
  ...WRITABLE_SCHEMES.map((s): [string, (plain: string) => Promise<string>] => [`Mailroom ${s}`, (p) => hashPassword(p, s)]),
  ...['BLF-CRYPT', 'SHA512-CRYPT', 'SHA256-CRYPT', 'MD5-CRYPT', 'PLAIN', 'PLAIN-MD5'].map((s): [string, (plain: string) => Promise<string>] => [`doveadm pw ${s}`, (p) => doveadmPw(s, p)]),
  ['bare $1$ md5crypt (PostfixAdmin 3.3)', async (p) => bare(await doveadmPw('MD5-CRYPT', p))],
  ['bare $2y$ bcrypt (PHP)', async (p) => bare(await doveadmPw('BLF-CRYPT', p))],
  ['bare $6$ (php_crypt)', async (p) => bare(await doveadmPw('SHA512-CRYPT', p))],
  ['bare DES crypt (web-cyradm)', async (p) => bare(await doveadmPw('DES-CRYPT', p))],
  ['{CRYPT} DES crypt', async (p) => `{CRYPT}${bare(await doveadmPw('DES-CRYPT', p))}`],
];

beforeAll(async () => {
  await insertDomains(db(), [{ domain: 'dove.test', transport: LMTP_TRANSPORT }]);
  const password = await hashPassword(PASSWORD);
  await insertMailboxes(db(), [
    ...STORED.map((_, i) => ({ username: `scheme${i}@dove.test`, password })),
    { username: 'user@dove.test', password, quota: 10_240_000 },
    { username: 'small@dove.test', password, quota: 4_096 },
    { username: 'unlimited@dove.test', password, quota: 0 },
    { username: 'off@dove.test', password, active: false },
  ]);
});

describe('[dovecot] passwords stored in mailbox.password', () => {
  // concurrently, one mailbox each: Dovecot answers failed logins in 500 ms batches
  it.concurrent.each(STORED.map(([label, produce], i) => [label, produce, `scheme${i}@dove.test`] as const))('%s: Dovecot and Mailroom accept the password and refuse a wrong one', async (_label, produce, user) => {
    const stored = await produce(PASSWORD);
    await setRow(user, 'password', stored);
    const wrong = `X${PASSWORD.slice(1)}`;
    expect(await dovecotAccepts(user, PASSWORD)).toBe(true);
    expect(await dovecotAccepts(user, wrong)).toBe(false);
    expect(await verifyPassword(PASSWORD, stored)).toBe(true);
    expect(await verifyPassword(wrong, stored)).toBe(false);
  });

  it('IMAP LOGIN works with the right password only', async () => {
    expect(await imapLogin('user@dove.test', PASSWORD)).toBe('OK');
    expect(await imapLogin('user@dove.test', `${PASSWORD}x`)).toBe('NO');
    expect(await imapLogin('nobody@dove.test', PASSWORD)).toBe('NO');
  });

  it('an inactive mailbox cannot log in', async () => {
    expect(await dovecotAccepts('off@dove.test', PASSWORD)).toBe(false);
    expect(await imapLogin('off@dove.test', PASSWORD)).toBe('NO');
  });

  it('a password changed in the row is accepted at once, and the old one refused', async () => {
    await setRow('user@dove.test', 'password', await hashPassword('brand new secret', 'SHA512-CRYPT'));
    expect(await dovecotAccepts('user@dove.test', 'brand new secret')).toBe(true);
    expect(await imapLogin('user@dove.test', 'brand new secret')).toBe('OK');
    expect(await dovecotAccepts('user@dove.test', PASSWORD)).toBe(false);
    expect(await imapLogin('user@dove.test', PASSWORD)).toBe('NO');
    await setRow('user@dove.test', 'password', await hashPassword(PASSWORD));
    expect(await imapLogin('user@dove.test', PASSWORD)).toBe('OK');
  });
});

describe('[dovecot] quota', () => {
  it('the limit is mailbox.quota (bytes in SQL, KiB in IMAP and doveadm) and follows the row at once', async () => {
    expect(await doveadmQuota('user@dove.test')).toMatchObject({ limit: '10000' });
    expect(await imapQuota('user@dove.test', PASSWORD)).toMatchObject({ limit: 10_000 });
    await setRow('user@dove.test', 'quota', 20_480_000);
    expect(await doveadmQuota('user@dove.test')).toMatchObject({ limit: '20000' });
    expect(await imapQuota('user@dove.test', PASSWORD)).toMatchObject({ limit: 20_000 });
  });

  it('quota 0 is unlimited', async () => {
    expect(await doveadmQuota('unlimited@dove.test')).toMatchObject({ limit: '-' });
    expect(await imapQuota('unlimited@dove.test', PASSWORD)).toBeNull();
  });

  it('a delivery is counted in quota2 (bytes, messages) and in the reported usage', async () => {
    const m = marker('usage');
    const { data } = await sendMail(PORTS.smtp, 'sender@outside.test', ['user@dove.test'], testMessage('sender@outside.test', 'user@dove.test', m, 3000));
    expect(data?.code).toBe(250);
    const mail = await waitForMail('dove.test/user/', m);
    const size = Number(/,S=(\d+)/.exec(mail.file)?.[1]);
    expect(size).toBeGreaterThan(3000);
    expect(await quota2('user@dove.test')).toEqual({ bytes: size, messages: 1 });
    expect(await doveadmQuota('user@dove.test')).toEqual({ value: String(Math.ceil(size / 1024)), limit: '20000' });
  });

  it('over quota, delivery is refused with 552 5.2.2: at DATA when the message does not fit, at RCPT once full', async () => {
    const from = 'sender@outside.test';
    const to = 'small@dove.test';
    // a message that fits (quota 4096 bytes)
    const first = marker('fits');
    expect((await sendMail(PORTS.smtp, from, [to], testMessage(from, to, first, 1000))).data?.code).toBe(250);
    await waitForMail('dove.test/small/', first);
    // LMTP to Dovecot: a message larger than what is left is refused after DATA
    const lmtp = await openSmtp(PORTS.lmtp, 'lmtp');
    expect((await lmtp.command(`MAIL FROM:<${from}>`)).code).toBe(250);
    expect((await lmtp.command(`RCPT TO:<${to}>`)).code).toBe(250);
    const [big] = await lmtp.data(testMessage(from, to, marker('too-big'), 8000));
    expect(big!.text).toMatch(/^552 5\.2\.2 /);
    await lmtp.quit();
    // SMTP to Postfix: the quota-status policy refuses a declared SIZE that does not fit, at RCPT
    const declared = await sendMail(PORTS.smtp, from, [to], testMessage(from, to, marker('declared'), 8000));
    expect(declared.rcpt[0]!.text).toMatch(/^552 5\.2\.2 /);
    expect(declared.data).toBeUndefined();
    // once the mailbox is over its quota, even the envelope is refused: LMTP and SMTP RCPT
    await setRow(to, 'quota', 100);
    const full = await openSmtp(PORTS.lmtp, 'lmtp');
    expect((await full.command(`MAIL FROM:<${from}>`)).code).toBe(250);
    expect((await full.command(`RCPT TO:<${to}>`)).text).toMatch(/^552 5\.2\.2 /);
    await full.quit();
    expect((await sendMail(PORTS.smtp, from, [to], null)).rcpt[0]!.text).toMatch(/^552 5\.2\.2 /);
    expect((await quota2(to))?.messages).toBe(1);
  });
});
