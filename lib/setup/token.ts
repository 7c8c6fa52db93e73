import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getEnv } from '@/lib/env';

// The one-time setup token guards the first-run wizard against a drive-by takeover. Only its
// SHA-256 is kept, in a file under the var folder (the database may not be migrated yet).

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O/1/I: it is read off a console and typed

export function setupTokenPath(): string {
  return path.join(getEnv().varDir, 'setup-token.sha256');
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token.trim().toUpperCase().replace(/[\s-]/g, '')).digest();
}

/** Creates a new token (replacing any earlier one) and returns it, e.g. `K7QM-R2XD-9FHT-WC4P-B8NZ`. */
export async function createSetupToken(): Promise<string> {
  const raw = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  const token = raw.match(/.{4}/g)?.join('-') ?? raw;
  await mkdir(path.dirname(setupTokenPath()), { recursive: true });
  await writeFile(setupTokenPath(), digest(token).toString('hex'), { mode: 0o600 });
  return token;
}

export async function verifySetupToken(input: string): Promise<boolean> {
  let stored: Buffer;
  try {
    stored = Buffer.from((await readFile(setupTokenPath(), 'utf8')).trim(), 'hex');
  } catch {
    return false;
  }
  const given = digest(input);
  return stored.length === given.length && timingSafeEqual(stored, given);
}

export async function deleteSetupToken(): Promise<void> {
  await rm(setupTokenPath(), { force: true });
}
