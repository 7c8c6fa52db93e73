import type { Db } from '@/lib/db/client';
import { refused, StorageError } from '@/lib/mail/maildir/errors';
import { archiveMaildir, createMaildir, removeMaildir } from '@/lib/mail/maildir/maildir';
import { archiveName, parseMaildir } from '@/lib/mail/maildir/path';
import type { Settings } from '@/lib/settings/settings';
import { performCyrusJob } from './cyrus-handlers';
import { isCyrusJobKind, maildirPayloadSchema } from './kinds';
import type { ClaimedJob } from './queue';

// What each kind of job does. Every handler is safe to run again (after a crash, a retry, or a second
// runner): it looks at the database and the disk as they are now and does only what is still missing.

type StorageSettings = Pick<Settings, 'mailBasePath' | 'vmailUid' | 'vmailGid' | 'deletePolicy' | 'archivePath'>;

function payloadOf(job: ClaimedJob) {
  let json: unknown;
  try {
    json = JSON.parse(job.payload);
  } catch {
    throw new StorageError(`Job #${job.id} has an unreadable payload`, true);
  }
  const parsed = maildirPayloadSchema.safeParse(json);
  if (!parsed.success) throw new StorageError(`Job #${job.id} has no maildir in its payload`, true);
  return parsed.data;
}

/** Runs one claimed job; returns what was done, in a few words. Throws a StorageError when it could not. */
export async function performJob(db: Db, job: ClaimedJob, settings: StorageSettings): Promise<string> {
  if (isCyrusJobKind(job.kind)) return performCyrusJob(db, job);
  const owner = { uid: settings.vmailUid, gid: settings.vmailGid };
  const base = settings.mailBasePath;
  switch (job.kind) {
    case 'maildir.create': {
      payloadOf(job);
      // the row is the truth: gone (deleted meanwhile) means no Maildir; its maildir is the one to make
      const row = await db.mailbox.findUnique({ where: { username: job.target }, select: { maildir: true } });
      if (!row) return 'the mailbox no longer exists: nothing to create';
      const { created } = await createMaildir({ base, maildir: row.maildir, owner });
      return created ? `created ${row.maildir}` : `${row.maildir} was already there`;
    }
    case 'maildir.delete': {
      const { maildir } = payloadOf(job);
      const parsed = parseMaildir(maildir);
      if (!parsed.ok) throw refused(parsed.reason);
      // never delete what a row points at: a mailbox created again with the same Maildir keeps it (and its
      // mail), and a folder holding other mailboxes' Maildirs (a hand-made maildir such as `example.org/`) stays
      const dir = parsed.components.join('/');
      const users = await db.$queryRaw<{ username: string; maildir: string }[]>`
        SELECT username, maildir FROM mailbox
        WHERE maildir = ${dir} OR maildir = ${`${dir}/`} OR LEFT(maildir, ${dir.length + 1}) = ${`${dir}/`}
        ORDER BY LENGTH(maildir) LIMIT 1`;
      const user = users[0];
      if (user && user.maildir.replace(/\/$/, '') === dir) return `${maildir} belongs to ${user.username} again: kept`;
      if (user) throw refused(`${maildir} holds the Maildir of ${user.username} (${user.maildir})`);
      const last = parsed.components[parsed.components.length - 1] ?? '';
      const outcome =
        settings.deletePolicy === 'archive'
          ? await archiveMaildir({ base, maildir, owner, archive: settings.archivePath, archiveName: archiveName(last, job.created), suffix: `job${job.id}` })
          : await removeMaildir({ base, maildir, owner, trashName: `.mailroom-removing-${job.id}` });
      return outcome === 'absent' ? `${maildir} was not there: nothing to delete` : `${outcome} ${maildir}`;
    }
    default:
      throw new StorageError(`Unknown kind of job: ${job.kind}`, true);
  }
}
