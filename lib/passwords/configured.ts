import type { Db, Tx } from '@/lib/db/client';
import { getSettings } from '@/lib/settings/settings';
import { hashPassword } from './hash';

/** Hashes a new password in the scheme the settings choose for new hashes (passwordScheme). */
export async function hashNewPassword(db: Db | Tx, plain: string): Promise<string> {
  return hashPassword(plain, (await getSettings(db)).passwordScheme);
}
