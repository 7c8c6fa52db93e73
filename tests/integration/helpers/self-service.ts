import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { getDb } from '@/lib/db/client';
import { saveManageSieveSettings } from '@/lib/vacation/sieve-settings';
import { DOVECOT_LOG, PORTS, readMaildir, SIEVE_MASTER, useMailStack, type MailStack } from './mailstack';

// The mail stack with Mailroom's own code on the same database: the services under test write the rows
// Postfix and Dovecot read, and reach Dovecot's ManageSieve with the master user kept in the settings.

export const SIEVE_SETTINGS = { host: '127.0.0.1', port: PORTS.sieve, masterUser: SIEVE_MASTER.user, masterPassword: SIEVE_MASTER.password };

export function useSelfServiceStack(): () => MailStack {
  const stack = useMailStack();
  beforeAll(async () => {
    process.env.DATABASE_URL = stack().dbUrl;
    process.env.NEXTAUTH_SECRET ??= 'integration-tests-secret-0123456789abcdef';
    process.env.MAILROOM_VAR_DIR = mkdtempSync(path.join(tmpdir(), 'mailroom-test-'));
    await saveManageSieveSettings(getDb(), SIEVE_SETTINGS);
  });
  afterAll(async () => {
    await getDb().$disconnect();
  });
  return stack;
}

/** Dovecot's log lines about one message (its Message-ID), e.g. what Sieve did with it. */
export async function logLinesFor(messageId: string): Promise<string[]> {
  const log = await readFile(DOVECOT_LOG, 'utf8').catch(() => '');
  return log.split('\n').filter((l) => l.includes(`msgid=<${messageId}>`));
}

/** Polls Dovecot's log until a line about the message matches (deadline 20 s); returns that line. */
export async function waitForLog(messageId: string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const hit = (await logLinesFor(messageId)).find((l) => pattern.test(l));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no log line ${pattern} for <${messageId}> within 20 s; see ${DOVECOT_LOG}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The messages of a Maildir (INBOX, or a folder such as `.Filtered`) whose Subject line is `subject`. */
export async function messagesWithSubject(maildir: string, subject: string): Promise<string[]> {
  return (await readMaildir(maildir)).map((m) => m.content).filter((c) => c.split(/\r?\n/).includes(`Subject: ${subject}`));
}
