import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { CyrusAuthError } from '@/lib/mail/cyrus/errors';
import { ImapSession } from '@/lib/mail/cyrus/imap-client';
import { ensureCyrusMailbox } from '@/lib/mail/cyrus/operations';
import { createMailbox, setMailboxActive, updateMailbox } from '@/lib/mailboxes/service';
import { hashPassword, verifyPassword, type WritableScheme } from '@/lib/passwords/hash';
import { superadmin, useMigratedDatabase } from './helpers/app-db';
import { CYRUS, useCyrus } from './helpers/cyrus';
import { withSql } from './helpers/database';
import { editMailboxForm, insertDomain, newMailboxForm } from './helpers/mailboxes';

// Mailbox owners log in to Cyrus with the password Mailroom stored: Cyrus -> saslauthd (-a pam -r)
// -> PAM -> pam_mysql (crypt mode) on mailbox.password, all configured by `config cyrus`.

const dbUrl = useMigratedDatabase();
useCyrus({ authDatabase: dbUrl });

const PASSWORD = 'sésame "ouvre"-toi \\ 42';

/** An IMAP LOGIN as the mailbox owner: true when Cyrus accepts it. */
async function cyrusLogin(username: string, password: string): Promise<boolean> {
  const session = await ImapSession.open(CYRUS);
  try {
    await session.login(username, password);
    const { data } = await session.run('SELECT', [{ string: 'INBOX' }]);
    return data.some((d) => d[1] === 'EXISTS');
  } catch (err) {
    if (err instanceof CyrusAuthError) return false;
    throw err;
  } finally {
    session.close();
  }
}

beforeAll(async () => {
  await insertDomain(dbUrl(), 'auth.test');
  for (const localPart of ['bob', 'sha', 'md5', 'des', 'plain']) {
    expect(await createMailbox(superadmin, newMailboxForm({ domain: 'auth.test', localPart, password: PASSWORD }))).toMatchObject({ ok: true });
    await ensureCyrusMailbox(CYRUS, { username: `${localPart}@auth.test`, quotaBytes: 0n, folders: [] });
  }
});

describe('[cyrus] mailbox owners log in to Cyrus with the password Mailroom stored', () => {
  it("accepts the password set through Mailroom's mailbox form (bcrypt), and nothing else", async () => {
    const { password } = (await getDb().mailbox.findUniqueOrThrow({ where: { username: 'bob@auth.test' }, select: { password: true } }));
    expect(password).toMatch(/^\{BLF-CRYPT\}\$2b\$/);
    expect(await cyrusLogin('bob@auth.test', PASSWORD)).toBe(true);
    expect(await cyrusLogin('bob@auth.test', `${PASSWORD}x`)).toBe(false);
    expect(await cyrusLogin('BOB@auth.test', PASSWORD)).toBe(true);
    expect(await cyrusLogin('nobody@auth.test', PASSWORD)).toBe(false);
  });

  it.each<[string, WritableScheme]>([
    ['sha', 'SHA512-CRYPT'],
    ['md5', 'MD5-CRYPT'],
  ])('accepts %s@auth.test with a %s hash', async (localPart, scheme) => {
    const hash = await hashPassword(PASSWORD, scheme);
    await getDb().mailbox.update({ where: { username: `${localPart}@auth.test` }, data: { password: hash } });
    expect(await cyrusLogin(`${localPart}@auth.test`, PASSWORD)).toBe(true);
    expect(await cyrusLogin(`${localPart}@auth.test`, 'wrong password')).toBe(false);
  });

  it("accepts web-cyradm's DES crypt stored as {CRYPT} (only 8 characters count, as in crypt(3))", async () => {
    await withSql(dbUrl(), (c) => c.query("UPDATE mailbox SET password = CONCAT('{CRYPT}', ENCRYPT('des-pass', 'ab')) WHERE username = 'des@auth.test'"));
    const { password } = await getDb().mailbox.findUniqueOrThrow({ where: { username: 'des@auth.test' }, select: { password: true } });
    expect(await verifyPassword('des-pass', password)).toBe(true);
    expect(await cyrusLogin('des@auth.test', 'des-pass')).toBe(true);
    expect(await cyrusLogin('des@auth.test', 'des-pas')).toBe(false);
  });

  it('cannot check {PLAIN-MD5} in crypt mode (documented: the owner logs in to Mailroom once, which rehashes)', async () => {
    await withSql(dbUrl(), (c) => c.query("UPDATE mailbox SET password = CONCAT('{PLAIN-MD5}', MD5('md5-pass')) WHERE username = 'plain@auth.test'"));
    expect(await cyrusLogin('plain@auth.test', 'md5-pass')).toBe(false);
  });

  it('follows a password change at once (no credential cache)', async () => {
    expect(await updateMailbox(superadmin, editMailboxForm({ address: 'bob@auth.test', password: 'a brand new password' }))).toMatchObject({ ok: true });
    expect(await cyrusLogin('bob@auth.test', 'a brand new password')).toBe(true);
    expect(await cyrusLogin('bob@auth.test', PASSWORD)).toBe(false);
  });

  it('refuses a deactivated mailbox, and accepts it again once reactivated', async () => {
    await setMailboxActive(superadmin, 'bob@auth.test', false);
    expect(await cyrusLogin('bob@auth.test', 'a brand new password')).toBe(false);
    await setMailboxActive(superadmin, 'bob@auth.test', true);
    expect(await cyrusLogin('bob@auth.test', 'a brand new password')).toBe(true);
  });
});
