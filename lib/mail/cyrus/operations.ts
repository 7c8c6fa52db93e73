import { CyrusCommandError } from './errors';
import { ImapSession, type ImapEndpoint } from './imap-client';
import { text, type ImapValue } from './imap-parser';
import { atom, list, str } from './imap-syntax';
import { encodeModifiedUtf7, ownerOfUserMailbox, parseCyrusUser, userFolderName, userMailboxName } from './names';

// The Cyrus side of a mailbox, as idempotent operations: each one checks what is there and does
// only what is missing, so running it again after any failure completes the work (see README.md).
// They throw CyrusUnavailableError (retryable) when Cyrus cannot be reached or goes away mid-way.

export interface CyrusConnection extends ImapEndpoint {
  adminUser: string;
  adminPassword: string;
}

export interface CyrusMailboxSpec {
  /** local@domain (domain lowercase punycode) */
  username: string;
  /** bytes; 0 = no limit (mailbox.quota) */
  quotaBytes: bigint;
  /** folders to create and subscribe besides INBOX (web-cyradm's domain.folders) */
  folders: readonly string[];
}

export interface EnsureResult {
  created: boolean;
  foldersCreated: string[];
}

export interface CyrusUsage {
  /** null = not counted (Cyrus counts usage only under a STORAGE limit) */
  usedKib: number | null;
  /** null = no limit */
  limitKib: number | null;
}

/** The admin's rights on every user mailbox (all of RFC 4314's), so it can always read, fix and delete it. */
const ADMIN_RIGHTS = 'lrswipkxtea';

/** Runs `work` in a logged-in admin session, always closing it. */
export async function withAdminSession<T>(conn: CyrusConnection, work: (session: ImapSession) => Promise<T>): Promise<T> {
  const session = await ImapSession.open(conn);
  try {
    await session.login(conn.adminUser, conn.adminPassword);
    const result = await work(session);
    await session.logout();
    return result;
  } finally {
    session.close();
  }
}

/** Mailbox quota bytes -> Cyrus STORAGE KiB, rounded up so the limit is never lower than asked; null = none. */
export function quotaKib(quotaBytes: bigint): number | null {
  if (quotaBytes <= 0n) return null;
  return Number((quotaBytes + 1023n) / 1024n);
}

async function mailboxExists(session: ImapSession, name: string): Promise<boolean> {
  const { data } = await session.run('LIST', [str(''), str(name)]);
  return data.some((d) => text(d[0]).toUpperCase() === 'LIST' && text(d[3]) === name);
}

async function setQuota(session: ImapSession, name: string, quotaBytes: bigint): Promise<void> {
  const kib = quotaKib(quotaBytes);
  // an empty resource list removes the limit (RFC 2087)
  await session.run('SETQUOTA', [str(name), list(kib === null ? [] : [atom('STORAGE'), atom(String(kib))])]);
}

/**
 * Makes sure a user's mailbox exists as specified: INBOX (created if missing), the admin's rights,
 * the quota, each folder, and the user's subscriptions to INBOX and the folders. Safe to repeat.
 */
export async function ensureCyrusMailbox(conn: CyrusConnection, spec: CyrusMailboxSpec): Promise<EnsureResult> {
  const inbox = userMailboxName(spec.username);
  const folderNames = spec.folders.map((f) => ({ folder: f, name: userFolderName(spec.username, f) }));
  const result = await withAdminSession(conn, async (session) => {
    const created = !(await mailboxExists(session, inbox));
    if (created) await session.run('CREATE', [str(inbox)]);
    await session.run('SETACL', [str(inbox), str(conn.adminUser), str(ADMIN_RIGHTS)]);
    await setQuota(session, inbox, spec.quotaBytes);
    const foldersCreated: string[] = [];
    for (const { folder, name } of folderNames) {
      if (await mailboxExists(session, name)) continue;
      await session.run('CREATE', [str(name)]);
      foldersCreated.push(folder);
    }
    return { created, foldersCreated };
  });
  await subscribeAsUser(conn, spec.username, spec.folders);
  return result;
}

/**
 * Subscribes the user to INBOX and `folders`, in a session where the admin acts as the user (SASL
 * proxy authorization): IMAP subscriptions belong to the logged-in user, and the user's password
 * is not known. Folder names are looked up in the user's personal namespace.
 */
export async function subscribeAsUser(conn: CyrusConnection, username: string, folders: readonly string[]): Promise<void> {
  parseCyrusUser(username);
  folders.forEach((f) => userFolderName(username, f));
  const session = await ImapSession.open(conn);
  try {
    await session.authenticatePlain(username, conn.adminUser, conn.adminPassword);
    const prefix = await personalPrefix(session);
    await session.run('SUBSCRIBE', [str('INBOX')]);
    // folder names hold no hierarchy separator (names.ts), so each one sits right under the prefix
    for (const folder of folders) await session.run('SUBSCRIBE', [str(`${prefix}${encodeModifiedUtf7(folder)}`)]);
    await session.logout();
  } finally {
    session.close();
  }
}

/** The prefix of the user's own folders: '' with Cyrus's altnamespace (the default), else 'INBOX/'. */
async function personalPrefix(session: ImapSession): Promise<string> {
  const { data } = await session.run('NAMESPACE', []);
  const ns = data.find((d) => text(d[0]).toUpperCase() === 'NAMESPACE');
  const personal = Array.isArray(ns?.[1]) ? ns[1][0] : undefined;
  return Array.isArray(personal) ? text(personal[0]) : 'INBOX/';
}

/** Sets (or, for 0, removes) a user's quota; the mailbox must exist. */
export async function setCyrusQuota(conn: CyrusConnection, username: string, quotaBytes: bigint): Promise<void> {
  const inbox = userMailboxName(username);
  await withAdminSession(conn, (session) => setQuota(session, inbox, quotaBytes));
}

/** Deletes a user's mailbox with all its folders; a missing mailbox is already deleted. Returns whether it existed. */
export async function deleteCyrusMailbox(conn: CyrusConnection, username: string): Promise<boolean> {
  const inbox = userMailboxName(username);
  return withAdminSession(conn, async (session) => {
    if (!(await mailboxExists(session, inbox))) return false;
    // Cyrus lets even its admins delete only with the 'x' right on the mailbox
    await session.run('SETACL', [str(inbox), str(conn.adminUser), str(ADMIN_RIGHTS)]);
    await session.run('DELETE', [str(inbox)]);
    return true;
  });
}

function parseQuota(data: ImapValue[][], root: string): CyrusUsage {
  const quota = data.find((d) => text(d[0]).toUpperCase() === 'QUOTA' && text(d[1]) === root);
  const resources = Array.isArray(quota?.[2]) ? quota[2] : [];
  for (let i = 0; i + 2 < resources.length; i += 3) {
    if (text(resources[i]).toUpperCase() === 'STORAGE') return { usedKib: Number(text(resources[i + 1])), limitKib: Number(text(resources[i + 2])) };
  }
  return { usedKib: null, limitKib: null };
}

/**
 * Usage and limit (KiB) of each user's quota root, in one session; null for a user without a mailbox.
 */
export async function readCyrusUsage(conn: CyrusConnection, usernames: readonly string[]): Promise<Map<string, CyrusUsage | null>> {
  const names = usernames.map((u) => ({ username: u, inbox: userMailboxName(u) }));
  return withAdminSession(conn, async (session) => {
    const out = new Map<string, CyrusUsage | null>();
    for (const { username, inbox } of names) {
      try {
        const { data } = await session.run('GETQUOTAROOT', [str(inbox)]);
        const roots = data.find((d) => text(d[0]).toUpperCase() === 'QUOTAROOT');
        const root = roots && roots.length > 2 ? text(roots[2]) : null;
        out.set(username, root ? parseQuota(data, root) : { usedKib: null, limitKib: null });
      } catch (err) {
        if (!(err instanceof CyrusCommandError)) throw err;
        out.set(username, null); // no such mailbox
      }
    }
    return out;
  });
}

/** Every user mailbox on the server, as owner names (`bob@example.org`, or `bob` in Cyrus's default domain). */
export async function listCyrusUsers(conn: CyrusConnection): Promise<string[]> {
  return withAdminSession(conn, async (session) => {
    const { data } = await session.run('LIST', [str(''), str('user/*')]);
    const owners = data.filter((d) => text(d[0]).toUpperCase() === 'LIST').map((d) => ownerOfUserMailbox(text(d[3])));
    return [...new Set(owners.filter((o): o is string => o !== null))].sort();
  });
}
