import { mkdirSync, mkdtempSync } from 'node:fs';
import { lstat, readdir, readlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getDb } from '@/lib/db/client';
import type { Settings } from '@/lib/settings/settings';

// Storage tests run as root (Maildirs are given to the vmail user): a private tree per test file with
// the mail base, the archive, and an "outside" folder that hostile paths aim at.

export const VMAIL = { uid: 5000, gid: 5000 } as const;

export interface StorageDirs {
  base: string;
  archive: string;
  outside: string;
}

export function makeStorageDirs(): StorageDirs {
  const root = mkdtempSync(path.join(tmpdir(), 'mailroom-storage-'));
  const dirs = { base: path.join(root, 'vmail'), archive: path.join(root, 'archive'), outside: path.join(root, 'outside') };
  for (const dir of Object.values(dirs)) mkdirSync(dir);
  return dirs;
}

type StorageSettingName = 'mailBasePath' | 'archivePath' | 'vmailUid' | 'vmailGid' | 'deletePolicy' | 'storageRunsHere' | 'passwordScheme';

/** Saves the storage settings (stored as the settings page stores them: JSON in mailroom_setting). */
export async function setStorageSettings(values: Partial<Pick<Settings, StorageSettingName>>): Promise<void> {
  for (const [name, value] of Object.entries(values)) {
    const json = JSON.stringify(value);
    await getDb().mailroomSetting.upsert({ where: { name }, create: { name, value: json }, update: { value: json } });
  }
}

/** Owner and permission bits of a path (lstat: a symlink is reported as one). */
export async function ownerAndMode(file: string): Promise<{ uid: number; gid: number; mode: number; type: 'dir' | 'file' | 'symlink' | 'other' }> {
  const st = await lstat(file);
  const type = st.isSymbolicLink() ? 'symlink' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : 'other';
  return { uid: st.uid, gid: st.gid, mode: st.mode & 0o7777, type };
}

/** Every path under `dir` with its type, owner, mode, size and mtime: equal snapshots = nothing was touched. */
export async function treeSnapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string) => {
    for (const name of await readdir(d)) {
      const p = path.join(d, name);
      const st = await lstat(p);
      const link = st.isSymbolicLink() ? ` -> ${await readlink(p)}` : '';
      out[path.relative(dir, p)] = `${st.mode.toString(8)} ${st.uid}:${st.gid} ${st.size} ${st.mtimeMs}${link}`;
      if (st.isDirectory()) await walk(p);
    }
  };
  await walk(dir);
  return out;
}

/** The jobs of a mailbox, oldest first. */
export function jobsOf(target: string) {
  return getDb().mailroomJob.findMany({ where: { target }, orderBy: { id: 'asc' }, select: { id: true, kind: true, state: true, attempts: true, lastError: true } });
}

/** Time passes: every waiting job is due now. */
export async function makeWaitingJobsDue(): Promise<void> {
  await getDb().$executeRaw`UPDATE mailroom_job SET run_after = NOW(3) - INTERVAL 1 SECOND WHERE state = 'pending'`;
}
