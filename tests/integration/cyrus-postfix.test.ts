import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGrantSql } from '@/lib/mail/config/grant';
import { atom, str } from '@/lib/mail/cyrus/imap-syntax';
import { ensureCyrusMailbox } from '@/lib/mail/cyrus/operations';
import { createMailbox } from '@/lib/mailboxes/service';
import { superadmin, useMigratedDatabase } from './helpers/app-db';
import { asCyrusAdmin, CYRUS, CYRUS_PORTS, useCyrus } from './helpers/cyrus';
import { withSql } from './helpers/database';
import { insertAliases } from './helpers/mail-fixtures';
import { sendMail, testMessage } from './helpers/mail-protocols';
import { marker } from './helpers/mailstack';
import { insertDomain, newMailboxForm } from './helpers/mailboxes';

// Mail sent through Postfix (Mailroom's generated maps, SMTP on 10325) to a Cyrus-backed domain
// lands in the right Cyrus mailbox over LMTP: transport_maps names Cyrus's LMTP for the domain.

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const SMTP_PORT = 10325;
const POLICY_PORT = 10330;
const LMTP = `lmtp:inet:127.0.0.1:${CYRUS_PORTS.lmtp}`;
const env = {
  ...process.env,
  MAILSTACK_DIR: path.join(root, 'var/test/cyrus-postfix'),
  MAILSTACK_SMTP_PORT: String(SMTP_PORT),
  MAILSTACK_LMTP_PORT: String(CYRUS_PORTS.lmtp),
  MAILSTACK_QUOTA_STATUS_PORT: String(POLICY_PORT),
};

const dbUrl = useMigratedDatabase();
useCyrus();

async function postfixScript(name: string, args: string[] = []): Promise<void> {
  try {
    await run('bash', [path.join(root, 'scripts/mailstack', name), ...args], { cwd: root, env, timeout: 120_000 });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${name} failed: ${e.stderr || e.message}`);
  }
}

// the generated main.cf asks Dovecot's quota-status service at RCPT; Cyrus enforces its quota itself
let policy: net.Server;
let readOnlyUser = '';

beforeAll(async () => {
  policy = net.createServer((socket) => {
    let request = '';
    socket.on('data', (chunk) => {
      request += chunk.toString();
      while (request.includes('\n\n')) {
        request = request.slice(request.indexOf('\n\n') + 2);
        socket.write('action=DUNNO\n\n');
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => policy.listen(POLICY_PORT, '127.0.0.1', resolve));

  const url = new URL(dbUrl());
  readOnlyUser = `ro_pf_${randomBytes(3).toString('hex')}`;
  const password = `pf "p'a\\ss#w $rd;--`;
  await withSql(url.toString(), (c) => c.query(generateGrantSql({ dbName: url.pathname.slice(1), dbUser: readOnlyUser, dbPassword: password, grantHost: '127.0.0.1' })));
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'cyrus-postfix-')), 'pw');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  await postfixScript('start-postfix.sh', ['--db-host', '127.0.0.1', '--db-port', url.port, '--db-name', url.pathname.slice(1), '--db-user', readOnlyUser, '--db-password-file', file]);

  await insertDomain(dbUrl(), 'cyrus-mail.test');
  await withSql(dbUrl(), (c) => c.query('UPDATE domain SET transport = ? WHERE domain = ?', [LMTP, 'cyrus-mail.test']));
  for (const localPart of ['bob', 'carol']) {
    expect(await createMailbox(superadmin, newMailboxForm({ domain: 'cyrus-mail.test', localPart }))).toMatchObject({ ok: true });
    await ensureCyrusMailbox(CYRUS, { username: `${localPart}@cyrus-mail.test`, quotaBytes: 0n, folders: ['Sent'] });
  }
  await insertAliases(dbUrl(), [{ address: 'team@cyrus-mail.test', goto: 'bob@cyrus-mail.test,carol@cyrus-mail.test' }]);
});

afterAll(async () => {
  await postfixScript('stop-postfix.sh');
  await new Promise<void>((resolve) => policy.close(() => resolve()));
  await withSql(dbUrl(), (c) => c.query('DROP USER IF EXISTS ?@?', [readOnlyUser, '127.0.0.1']));
});

/** Subjects of the messages in a user's INBOX, read by the admin. */
async function subjects(username: string): Promise<string[]> {
  return asCyrusAdmin(async (s) => {
    const { data } = await s.run('EXAMINE', [str(`user/${username}`)]);
    const exists = Number(data.find((d) => d[1] === 'EXISTS')?.[0] ?? 0);
    if (exists === 0) return [];
    const fetched = await s.run('FETCH', [atom(`1:${exists}`), atom('ENVELOPE')]);
    // * n FETCH (ENVELOPE (date subject from ...))
    return fetched.data.map((d) => {
      const items = Array.isArray(d[2]) ? d[2] : [];
      const envelope = Array.isArray(items[1]) ? items[1] : [];
      return String(envelope[1] ?? '');
    });
  });
}

async function waitForSubject(username: string, subject: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await subjects(username)).includes(subject)) {
    if (Date.now() > deadline) throw new Error(`no "${subject}" in ${username}'s Cyrus INBOX within 20 s; see var/test/cyrus-postfix/postfix/maillog`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('[cyrus] mail through Postfix lands in the Cyrus mailbox', () => {
  it('delivers to a mailbox of a Cyrus-backed domain over LMTP', async () => {
    const subject = marker('direct');
    const { rcpt, data } = await sendMail(SMTP_PORT, 'sender@elsewhere.test', ['bob@cyrus-mail.test'], testMessage('sender@elsewhere.test', 'bob@cyrus-mail.test', subject));
    expect(rcpt.map((r) => r.code)).toEqual([250]);
    expect(data?.code).toBe(250);
    await waitForSubject('bob@cyrus-mail.test', subject);
    expect(await subjects('carol@cyrus-mail.test')).not.toContain(subject);
  });

  it("expands Mailroom's aliases first, then delivers each copy to its Cyrus mailbox", async () => {
    const subject = marker('team');
    const { data } = await sendMail(SMTP_PORT, 'sender@elsewhere.test', ['TEAM@cyrus-mail.test'], testMessage('sender@elsewhere.test', 'team@cyrus-mail.test', subject));
    expect(data?.code).toBe(250);
    await waitForSubject('bob@cyrus-mail.test', subject);
    await waitForSubject('carol@cyrus-mail.test', subject);
  });

  it('refuses an unknown recipient of the domain at RCPT', async () => {
    const { rcpt } = await sendMail(SMTP_PORT, 'sender@elsewhere.test', ['nobody@cyrus-mail.test'], null);
    expect(rcpt[0]?.code).toBe(550);
  });
});
