import { afterEach, describe, expect, it } from 'vitest';
import { CyrusUnavailableError, isRetryableCyrusError } from '@/lib/mail/cyrus/errors';
import { deleteCyrusMailbox, ensureCyrusMailbox, listCyrusUsers, readCyrusUsage } from '@/lib/mail/cyrus/operations';
import { CYRUS, listAllMailboxes, restartCyrus, stopCyrus, useCyrus } from './helpers/cyrus';
import { subscriptionsOf } from './helpers/cyrus-jobs';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy';

// Cyrus going away, with the real daemon stopped and restarted: every operation fails with a
// retryable error, and running it again once Cyrus is back completes the work. What a failure at
// each step leaves behind is asserted (and documented in lib/mail/cyrus/README.md).

useCyrus();

let proxy: FaultProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

const SPEC = { quotaBytes: 5_120_000n, folders: ['Sent', 'Trash'] };

/** A connection through a proxy that stops the real Cyrus just before the client's `command` reaches it. */
async function cyrusStoppingAt(command: RegExp) {
  proxy = await startFaultProxy({ host: CYRUS.host, port: CYRUS.port }, command, stopCyrus);
  return { ...CYRUS, port: proxy.port };
}

describe('[cyrus] Cyrus down', () => {
  it('fails with a retryable error and creates nothing; after the restart a re-run creates everything', async () => {
    await stopCyrus();
    const err = await ensureCyrusMailbox(CYRUS, { username: 'down@cyrus.test', ...SPEC }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CyrusUnavailableError);
    expect(isRetryableCyrusError(err)).toBe(true);
    expect((err as Error).message).toMatch(/unreachable: ECONNREFUSED/);
    await restartCyrus();
    expect(await listCyrusUsers(CYRUS)).not.toContain('down@cyrus.test');
    expect(await ensureCyrusMailbox(CYRUS, { username: 'down@cyrus.test', ...SPEC })).toEqual({ created: true, foldersCreated: ['Sent', 'Trash'] });
  });
});

describe('[cyrus] Cyrus stopped mid-way', () => {
  it('after CREATE: INBOX exists without quota or folders; the re-run completes it', async () => {
    const conn = await cyrusStoppingAt(/ SETQUOTA /);
    await expect(ensureCyrusMailbox(conn, { username: 'mid@cyrus.test', ...SPEC })).rejects.toBeInstanceOf(CyrusUnavailableError);
    expect(proxy?.fired()).toBe(1);
    await restartCyrus();
    expect((await listAllMailboxes()).filter((n) => n.includes('mid'))).toEqual(['user/mid@cyrus.test']);
    expect((await readCyrusUsage(CYRUS, ['mid@cyrus.test'])).get('mid@cyrus.test')).toEqual({ usedKib: null, limitKib: null });

    expect(await ensureCyrusMailbox(CYRUS, { username: 'mid@cyrus.test', ...SPEC })).toEqual({ created: false, foldersCreated: ['Sent', 'Trash'] });
    expect((await readCyrusUsage(CYRUS, ['mid@cyrus.test'])).get('mid@cyrus.test')).toEqual({ usedKib: 0, limitKib: 5000 });
    expect(await subscriptionsOf('mid@cyrus.test')).toEqual(['INBOX', 'Sent', 'Trash']);
  });

  it('before the subscriptions: folders exist but are not subscribed; the re-run subscribes them', async () => {
    const conn = await cyrusStoppingAt(/ AUTHENTICATE /);
    await expect(ensureCyrusMailbox(conn, { username: 'sub@cyrus.test', ...SPEC })).rejects.toBeInstanceOf(CyrusUnavailableError);
    await restartCyrus();
    expect((await listAllMailboxes()).filter((n) => n.includes('sub'))).toEqual(['user/sub/Sent@cyrus.test', 'user/sub/Trash@cyrus.test', 'user/sub@cyrus.test']);
    expect(await subscriptionsOf('sub@cyrus.test')).toEqual([]);
    expect(await ensureCyrusMailbox(CYRUS, { username: 'sub@cyrus.test', ...SPEC })).toEqual({ created: false, foldersCreated: [] });
    expect(await subscriptionsOf('sub@cyrus.test')).toEqual(['INBOX', 'Sent', 'Trash']);
  });

  it('before DELETE: the mailbox is still whole; the re-run deletes it', async () => {
    const conn = await cyrusStoppingAt(/ DELETE /);
    await expect(deleteCyrusMailbox(conn, 'mid@cyrus.test')).rejects.toBeInstanceOf(CyrusUnavailableError);
    await restartCyrus();
    expect(await listCyrusUsers(CYRUS)).toContain('mid@cyrus.test');
    expect(await deleteCyrusMailbox(CYRUS, 'mid@cyrus.test')).toBe(true);
    expect((await listAllMailboxes()).filter((n) => n.includes('mid'))).toEqual([]);
  });
});
