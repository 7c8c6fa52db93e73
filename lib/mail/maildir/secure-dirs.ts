import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { errnoOf, fsFailure, refused, StorageError } from './errors';

// Directory walking that never follows a symbolic link: every component below a root is checked with
// lstat (a real directory, owned by the vmail user) before the next one is used, directories are
// created one at a time, and a new one is given away through a descriptor opened with O_NOFOLLOW.
// Only the fs API is used: no shell, no external command.

/** Who owns every Maildir directory: the vmail account. */
export interface Owner {
  uid: number;
  gid: number;
}

/** lstat, or null when nothing is there. */
export async function lstatOrNull(file: string): Promise<Stats | null> {
  try {
    return await lstat(file);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw fsFailure('inspect', file, err);
  }
}

/** A root folder (mail base, archive path): absolute, existing, a real directory. Missing is retryable. */
export async function checkRoot(root: string, what: string): Promise<void> {
  if (!path.isAbsolute(root) || path.normalize(root) !== root || root.split('/').includes('..')) throw refused(`the ${what} ${JSON.stringify(root)} is not a normalised absolute path`);
  if (root === '/') throw refused(`the ${what} cannot be /`);
  const st = await lstatOrNull(root);
  if (!st) throw new StorageError(`The ${what} ${root} does not exist: create it (or correct the setting); the job is retried`, false);
  if (st.isSymbolicLink()) throw refused(`the ${what} ${root} is a symbolic link; set the real path`);
  if (!st.isDirectory()) throw refused(`the ${what} ${root} is not a directory`);
}

/** An existing component must be a real directory owned by the vmail user. */
export function checkExisting(file: string, st: Stats, owner: Owner): void {
  if (st.isSymbolicLink()) throw refused(`${file} is a symbolic link`);
  if (!st.isDirectory()) throw refused(`${file} exists and is not a directory`);
  if (st.uid !== owner.uid) throw refused(`${file} is owned by uid ${st.uid}, not by the vmail user (uid ${owner.uid})`);
}

/** Gives a directory this process just created to the vmail user with `mode`, without following links. */
async function claimDirectory(dir: string, owner: Owner, mode: number): Promise<void> {
  let handle;
  try {
    handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW);
  } catch (err) {
    if (errnoOf(err) === 'ELOOP' || errnoOf(err) === 'ENOTDIR') throw refused(`${dir} was replaced by something other than a directory`);
    throw fsFailure('open', dir, err);
  }
  try {
    await handle.chown(owner.uid, owner.gid);
    await handle.chmod(mode); // exact mode, whatever the umask
  } catch (err) {
    throw fsFailure(`give to ${owner.uid}:${owner.gid} mode ${mode.toString(8)}`, dir, err);
  } finally {
    await handle.close();
  }
}

/**
 * Makes sure `root/components...` exist as real directories owned by the vmail user: missing ones are
 * created one at a time (with `mode`, given to `owner`); a symlink, a non-directory or a foreign owner
 * anywhere is refused. A directory this call created but could not give away is removed again, so a
 * retry starts clean. Returns the full path and how many directories were created.
 */
export async function ensureDirectories(root: string, components: readonly string[], owner: Owner, mode: number): Promise<{ dir: string; created: number }> {
  let current = root;
  let created = 0;
  for (const name of components) {
    const next = path.join(current, name);
    let st = await lstatOrNull(next);
    if (!st) {
      let isNew = true;
      try {
        await mkdir(next, { mode: 0o700 });
      } catch (err) {
        if (errnoOf(err) !== 'EEXIST') throw fsFailure('create', next, err);
        isNew = false; // made meanwhile by someone else: checked below like any existing one
      }
      if (isNew) {
        try {
          await claimDirectory(next, owner, mode);
        } catch (err) {
          await rmdir(next).catch(() => undefined);
          throw err;
        }
        created++;
      }
      st = await lstatOrNull(next);
      if (!st) throw new StorageError(`${next} disappeared while it was being created; the job is retried`, false);
    }
    checkExisting(next, st, owner);
    current = next;
  }
  return { dir: current, created };
}

/** The existing directory `root/components...` (every component checked), or null when one is missing. */
export async function findDirectory(root: string, components: readonly string[], owner: Owner): Promise<string | null> {
  let current = root;
  for (const name of components) {
    const next = path.join(current, name);
    const st = await lstatOrNull(next);
    if (!st) return null;
    checkExisting(next, st, owner);
    current = next;
  }
  return current;
}

/** Removes the now-empty directories `root/components[0..i]`, deepest first, stopping at the first that is not empty. */
export async function removeEmptyParents(root: string, components: readonly string[]): Promise<void> {
  for (let i = components.length; i > 0; i--) {
    const dir = path.join(root, ...components.slice(0, i));
    const st = await lstatOrNull(dir);
    if (!st || st.isSymbolicLink() || !st.isDirectory()) return;
    try {
      await rmdir(dir); // only ever succeeds on an empty directory
    } catch {
      return;
    }
  }
}
