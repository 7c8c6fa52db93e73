import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fsFailure, refused, StorageError } from './errors';
import { parseMaildir } from './path';
import { checkExisting, checkRoot, ensureDirectories, findDirectory, lstatOrNull, removeEmptyParents, type Owner } from './secure-dirs';

// The Maildirs of mailboxes on the mail host. Every operation is safe to repeat: creating a Maildir
// that is already there, or removing one that is gone, succeeds. Paths come from mailbox.maildir,
// relative to the mail base; nothing outside the base (and the archive path) is ever touched.

export const MAILDIR_MODE = 0o700;
const SUBFOLDERS = ['cur', 'new', 'tmp'] as const;

export interface MaildirPlace {
  /** the mail base path (absolute) */
  base: string;
  /** mailbox.maildir, e.g. `example.org/alice/` */
  maildir: string;
  owner: Owner;
}

function componentsOf(maildir: string): string[] {
  const parsed = parseMaildir(maildir);
  if (!parsed.ok) throw refused(parsed.reason);
  return parsed.components;
}

/**
 * Creates `<base>/<maildir>` with `cur`, `new` and `tmp` (and any missing parent, such as the domain
 * folder), each mode 0700 and owned by the vmail user. Returns how many directories it created (0: it was all there).
 */
export async function createMaildir(p: MaildirPlace): Promise<{ created: number }> {
  const components = componentsOf(p.maildir);
  await checkRoot(p.base, 'mail base path');
  const { dir, created } = await ensureDirectories(p.base, components, p.owner, MAILDIR_MODE);
  let total = created;
  for (const sub of SUBFOLDERS) total += (await ensureDirectories(dir, [sub], p.owner, MAILDIR_MODE)).created;
  return { created: total };
}

export type DeleteOutcome = 'absent' | 'archived' | 'removed';

/** The Maildir's parent and own path once checked, or null when it is not there. */
async function locate(p: MaildirPlace): Promise<{ parentComponents: string[]; parent: string; name: string } | null> {
  const components = componentsOf(p.maildir);
  await checkRoot(p.base, 'mail base path');
  const parentComponents = components.slice(0, -1);
  const name = components[components.length - 1] ?? '';
  const parent = await findDirectory(p.base, parentComponents, p.owner);
  return parent === null ? null : { parentComponents, parent, name };
}

/**
 * Moves the Maildir to `<archive>/<parent folders>/<archiveName>` (a rename: the archive path must be on
 * the same file system), then removes parent folders left empty. A name already taken gets `-<suffix>`.
 */
export async function archiveMaildir(p: MaildirPlace & { archive: string; archiveName: string; suffix: string }): Promise<DeleteOutcome> {
  const found = await locate(p);
  if (!found) return 'absent';
  const source = path.join(found.parent, found.name);
  const st = await lstatOrNull(source);
  if (!st) return 'absent';
  checkExisting(source, st, p.owner);
  await checkRoot(p.archive, 'archive path');
  const { dir } = await ensureDirectories(p.archive, found.parentComponents, p.owner, MAILDIR_MODE);
  let target = path.join(dir, p.archiveName);
  if (await lstatOrNull(target)) target = path.join(dir, `${p.archiveName}-${p.suffix}`);
  if (await lstatOrNull(target)) throw new StorageError(`Cannot archive ${source}: ${target} already exists`, true);
  try {
    await rename(source, target);
  } catch (err) {
    throw fsFailure(`move ${source} to`, target, err);
  }
  await removeEmptyParents(p.base, found.parentComponents);
  return 'archived';
}

/**
 * Removes the Maildir: first renamed to `<parent>/<trashName>` (mail stops at once, atomically), then
 * deleted with everything in it (symlinks inside are removed, never followed). A retry after a failure
 * half-way finds the trash folder by its name and finishes the job.
 */
export async function removeMaildir(p: MaildirPlace & { trashName: string }): Promise<DeleteOutcome> {
  if (p.trashName.includes('/') || !p.trashName.startsWith('.')) throw refused(`the trash name ${JSON.stringify(p.trashName)} is not a hidden file name`);
  const found = await locate(p);
  if (!found) return 'absent';
  const source = path.join(found.parent, found.name);
  const trash = path.join(found.parent, p.trashName);
  const st = await lstatOrNull(source);
  if (st) {
    checkExisting(source, st, p.owner);
    if (await lstatOrNull(trash)) throw new StorageError(`Cannot remove ${source}: ${trash} is in the way`, true);
    try {
      await rename(source, trash);
    } catch (err) {
      throw fsFailure('move aside', source, err);
    }
  }
  const trashSt = await lstatOrNull(trash);
  if (!trashSt) return 'absent';
  checkExisting(trash, trashSt, p.owner);
  try {
    await rm(trash, { recursive: true });
  } catch (err) {
    throw fsFailure('remove', trash, err);
  }
  await removeEmptyParents(p.base, found.parentComponents);
  return 'removed';
}
