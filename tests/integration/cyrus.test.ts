import { describe, expect, it } from 'vitest';
import { CyrusAuthError, CyrusCommandError } from '@/lib/mail/cyrus/errors';
import { ImapSession } from '@/lib/mail/cyrus/imap-client';
import { atom, list, str } from '@/lib/mail/cyrus/imap-syntax';
import { deleteCyrusMailbox, ensureCyrusMailbox, listCyrusUsers, readCyrusUsage, setCyrusQuota } from '@/lib/mail/cyrus/operations';
import { asCyrusAdmin, CYRUS, CYRUS_ADMIN_PASSWORD, CYRUS_PORTS, listAllMailboxes, useCyrus } from './helpers/cyrus';
import { openSmtp, testMessage } from './helpers/mail-protocols';

// The Cyrus operations against the real Cyrus IMAP 3.6 (virtdomains: userid, unixhierarchysep: yes).

useCyrus();

const FOLDERS = ['Sent', 'Drafts', 'Trash', 'Junk Mail', 'Entwürfe'];

/** What the user sees: their folders and subscriptions (the admin acting as the user). */
async function userView(username: string): Promise<{ folders: string[]; subscribed: string[] }> {
  const session = await ImapSession.open(CYRUS);
  try {
    await session.authenticatePlain(username, CYRUS.adminUser, CYRUS.adminPassword);
    const names = async (cmd: 'LIST' | 'LSUB') => (await session.run(cmd, [str(''), str('*')])).data.filter((d) => d[0] === cmd).map((d) => String(d[3])).sort();
    return { folders: await names('LIST'), subscribed: await names('LSUB') };
  } finally {
    session.close();
  }
}

async function deliver(username: string, size: number): Promise<void> {
  const lmtp = await openSmtp(CYRUS_PORTS.lmtp, 'lmtp');
  try {
    expect((await lmtp.command('MAIL FROM:<sender@elsewhere.test>')).code).toBe(250);
    expect((await lmtp.command(`RCPT TO:<${username}>`)).code).toBe(250);
    const [reply] = await lmtp.data(testMessage('sender@elsewhere.test', username, 'usage', size));
    expect(reply?.code).toBe(250);
  } finally {
    await lmtp.quit();
  }
}

describe('[cyrus] provisioning a mailbox', () => {
  it('creates INBOX, the admin rights, the quota in KiB (rounded up) and the folders, subscribed for the user', async () => {
    const result = await ensureCyrusMailbox(CYRUS, { username: 'alice@cyrus.test', quotaBytes: 10_240_000n, folders: FOLDERS });
    expect(result).toEqual({ created: true, foldersCreated: FOLDERS });
    const all = await listAllMailboxes();
    expect(all.filter((n) => n.includes('alice'))).toEqual([
      'user/alice/Drafts@cyrus.test', 'user/alice/Entw&APw-rfe@cyrus.test', 'user/alice/Junk Mail@cyrus.test',
      'user/alice/Sent@cyrus.test', 'user/alice/Trash@cyrus.test', 'user/alice@cyrus.test',
    ]);
    const acl = await asCyrusAdmin((s) => s.run('GETACL', [str('user/alice@cyrus.test')]));
    expect(acl.data[0]).toEqual(['ACL', 'user/alice@cyrus.test', 'alice@cyrus.test', 'lrswipkxtecdan', 'cyrus', 'lrswipkxtecda']);
    expect((await readCyrusUsage(CYRUS, ['alice@cyrus.test'])).get('alice@cyrus.test')).toEqual({ usedKib: 0, limitKib: 10_000 });
    const view = await userView('alice@cyrus.test');
    expect(view.folders).toEqual(['Drafts', 'Entw&APw-rfe', 'INBOX', 'Junk Mail', 'Sent', 'Trash']);
    expect(view.subscribed).toEqual(view.folders);
  });

  it('is idempotent: a second run changes nothing and creates nothing', async () => {
    const before = await listAllMailboxes();
    expect(await ensureCyrusMailbox(CYRUS, { username: 'alice@cyrus.test', quotaBytes: 10_240_000n, folders: FOLDERS })).toEqual({ created: false, foldersCreated: [] });
    expect(await listAllMailboxes()).toEqual(before);
  });

  it('completes a mailbox made elsewhere (INBOX only): quota and folders are added', async () => {
    await asCyrusAdmin((s) => s.run('CREATE', [str('user/half@cyrus.test')]));
    expect(await ensureCyrusMailbox(CYRUS, { username: 'half@cyrus.test', quotaBytes: 1025n, folders: ['Sent'] })).toEqual({ created: false, foldersCreated: ['Sent'] });
    expect((await readCyrusUsage(CYRUS, ['half@cyrus.test'])).get('half@cyrus.test')).toEqual({ usedKib: 0, limitKib: 2 });
    expect((await userView('half@cyrus.test')).subscribed).toEqual(['INBOX', 'Sent']);
  });

  it('sets, changes and removes (0 = unlimited) the quota; usage follows delivered mail', async () => {
    await setCyrusQuota(CYRUS, 'alice@cyrus.test', 2_048_000n);
    await deliver('alice@cyrus.test', 40_000);
    const usage = (await readCyrusUsage(CYRUS, ['alice@cyrus.test'])).get('alice@cyrus.test');
    expect(usage?.limitKib).toBe(2000);
    expect(usage?.usedKib).toBeGreaterThanOrEqual(39);
    await setCyrusQuota(CYRUS, 'alice@cyrus.test', 0n);
    expect((await readCyrusUsage(CYRUS, ['alice@cyrus.test', 'nobody@cyrus.test']))).toEqual(
      new Map([['alice@cyrus.test', { usedKib: null, limitKib: null }], ['nobody@cyrus.test', null]]),
    );
  });

  it('refuses to set a quota on a mailbox that does not exist', async () => {
    await expect(setCyrusQuota(CYRUS, 'nobody@cyrus.test', 1024n)).rejects.toBeInstanceOf(CyrusCommandError);
  });

  it('lists the user mailboxes (owners only, not their folders)', async () => {
    expect(await listCyrusUsers(CYRUS)).toEqual(['alice@cyrus.test', 'half@cyrus.test']);
  });

  it('deletes a mailbox with all its folders; deleting a missing one is fine', async () => {
    expect(await deleteCyrusMailbox(CYRUS, 'alice@cyrus.test')).toBe(true);
    expect((await listAllMailboxes()).filter((n) => n.includes('alice'))).toEqual([]);
    expect(await deleteCyrusMailbox(CYRUS, 'alice@cyrus.test')).toBe(false);
    expect(await listCyrusUsers(CYRUS)).toEqual(['half@cyrus.test']);
  });
});

describe('[cyrus] many mailboxes in a row', () => {
  // Cyrus 3.6 seeds its MAILBOXID generator with the time in seconds: two imapd processes started in
  // the same second hand out the same ids, and quota roots then wander between those mailboxes. The
  // test instance runs one imapd for all connections (scripts/cyrus/start.sh; README.md).
  it('gives each mailbox its own MAILBOXID and its own quota root', async () => {
    const users = ['r1', 'r2', 'r3', 'r4', 'r5'].map((u) => `${u}@burst.test`);
    for (const [i, username] of users.entries()) await ensureCyrusMailbox(CYRUS, { username, quotaBytes: BigInt(i + 1) * 1_024_000n, folders: ['Sent'] });
    const ids = await asCyrusAdmin(async (s) => {
      const out: string[] = [];
      for (const u of users) out.push(JSON.stringify((await s.run('STATUS', [str(`user/${u}`), list([atom('MAILBOXID')])])).data[0]?.[2]));
      return out;
    });
    expect(new Set(ids).size).toBe(users.length);
    const usage = await readCyrusUsage(CYRUS, users);
    expect(users.map((u) => usage.get(u)?.limitKib)).toEqual([1000, 2000, 3000, 4000, 5000]);
    for (const u of users) await deleteCyrusMailbox(CYRUS, u);
  });
});

describe('[cyrus] names written to break out never reach Cyrus', () => {
  const hostile = [
    'x"@cyrus.test',
    'x\r\nm9 DELETE "user/half@cyrus.test"@cyrus.test',
    'a/b@cyrus.test',
    '*@cyrus.test',
    '%@cyrus.test',
    'a..b@cyrus.test',
    'half@cyrus.test/../../x',
    'half@cyrus.test\r\nm9 DELETE user/half@cyrus.test',
    'x@cyrus.test" "cyrus" "lrswipkxtea',
  ];

  it.each(hostile)('refuses the user %j before sending anything', async (username) => {
    const before = await listAllMailboxes();
    await expect(ensureCyrusMailbox(CYRUS, { username, quotaBytes: 0n, folders: [] })).rejects.toThrow(/Not usable as a Cyrus mailbox name/);
    await expect(deleteCyrusMailbox(CYRUS, username)).rejects.toThrow(/Not usable as a Cyrus mailbox name/);
    expect(await listAllMailboxes()).toEqual(before);
  });

  it.each(['a/b', '*', '%', '..', 'x"y', 'x\r\nm9 DELETE user/half@cyrus.test', 'Sent@evil.test'])('refuses the folder %j before creating the mailbox', async (folder) => {
    const before = await listAllMailboxes();
    await expect(ensureCyrusMailbox(CYRUS, { username: 'mallory@cyrus.test', quotaBytes: 0n, folders: [folder] })).rejects.toThrow(/folder/);
    expect(await listAllMailboxes()).toEqual(before);
  });

  it('sends a CRLF-laden string as one literal: the injected DELETE is never run', async () => {
    await asCyrusAdmin(async (s) => {
      await expect(s.run('CREATE', [str('user/x\r\nm3 DELETE user/half@cyrus.test')])).rejects.toBeInstanceOf(CyrusCommandError);
      expect((await s.run('NOOP', [])).text).toMatch(/Completed/);
    });
    expect(await listCyrusUsers(CYRUS)).toContain('half@cyrus.test');
  });
});

describe('[cyrus] the admin login', () => {
  it('logs in with a password holding quotes, a backslash and 8-bit text', async () => {
    await expect(asCyrusAdmin((s) => s.run('NOOP', []))).resolves.toBeDefined();
  });

  it('reports a wrong admin password as an auth error that does not repeat it', async () => {
    const wrong = `${CYRUS_ADMIN_PASSWORD}-wrong`;
    const err = await ensureCyrusMailbox({ ...CYRUS, adminPassword: wrong }, { username: 'x@cyrus.test', quotaBytes: 0n, folders: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CyrusAuthError);
    expect((err as Error).message).not.toContain(wrong);
    expect((err as CyrusAuthError).retryable).toBe(false);
  });
});
