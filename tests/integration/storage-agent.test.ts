import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db/client';
import { createMailbox } from '@/lib/mailboxes/service';
import { domainAdmin, useMigratedDatabase } from './helpers/app-db';
import { insertDomain, newMailboxForm } from './helpers/mailboxes';
import { jobsOf, makeStorageDirs, ownerAndMode, setStorageSettings, VMAIL } from './helpers/storage';

// `npm run mailroom -- agent` as the mail host runs it: a separate process with only DATABASE_URL.

const dbUrl = useMigratedDatabase();
const dirs = makeStorageDirs();
const admin = domainAdmin('agent.test');
const root = path.resolve(import.meta.dirname, '../..');

interface Agent {
  output: () => string;
  exit: Promise<number | null>;
  kill: (signal: NodeJS.Signals) => void;
}

/**
 * Starts the agent through Mailroom's entry point, with DATABASE_URL and nothing else of Mailroom's:
 * `npx tsx ...`, or tsx itself when the test signals it (npx does not pass signals on; tsx does).
 */
function startAgent(args: string[], launcher: 'npx' | 'tsx' = 'npx'): Agent {
  const { NEXTAUTH_SECRET: _secret, MAILROOM_VAR_DIR: _var, ...env } = process.env;
  const [command, ...pre] = launcher === 'npx' ? ['npx', 'tsx'] : [path.join(root, 'node_modules/.bin/tsx')];
  const child = spawn(command!, [...pre, 'scripts/mailroom.ts', 'agent', ...args], { cwd: root, env: { ...env, DATABASE_URL: dbUrl() } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { output: () => output, exit, kill: (signal) => child.kill(signal) };
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  await insertDomain(dbUrl(), 'agent.test');
  await setStorageSettings({ mailBasePath: dirs.base, archivePath: dirs.archive, vmailUid: VMAIL.uid, vmailGid: VMAIL.gid, deletePolicy: 'archive', storageRunsHere: false });
});

describe('[storage] the agent on the mail host', () => {
  it('`agent --once` completes the pending jobs and exits 0', async () => {
    for (const local of ['one', 'two']) await createMailbox(admin, newMailboxForm({ domain: 'agent.test', localPart: local }));
    expect(await getDb().mailroomJob.count({ where: { state: 'pending' } })).toBe(2);
    const agent = startAgent(['--once']);
    expect(await agent.exit).toBe(0);
    expect(agent.output()).toContain(`Mailroom storage agent: mail base ${dirs.base}, Maildirs owned by 5000:5000`);
    expect(agent.output()).toMatch(/#\d+ maildir\.create one@agent\.test: done \(created agent\.test\/one\/\)/);
    expect(agent.output()).toContain('stopped: 2 done, 0 to retry, 0 failed.');
    for (const local of ['one', 'two']) {
      expect(await jobsOf(`${local}@agent.test`)).toEqual([expect.objectContaining({ state: 'done', attempts: 1 })]);
      expect(await ownerAndMode(path.join(dirs.base, 'agent.test', local, 'new'))).toEqual({ uid: 5000, gid: 5000, mode: 0o700, type: 'dir' });
    }
  });

  it('polls until SIGTERM, then stops cleanly with exit code 0', async () => {
    const agent = startAgent(['--interval', '0.2'], 'tsx');
    await until('the agent to start', () => agent.output().includes('Mailroom storage agent: mail base'));
    await createMailbox(admin, newMailboxForm({ domain: 'agent.test', localPart: 'polled' }));
    await until('the job to be done by the agent', async () => (await jobsOf('polled@agent.test'))[0]?.state === 'done');
    expect(existsSync(path.join(dirs.base, 'agent.test', 'polled', 'cur'))).toBe(true);
    agent.kill('SIGTERM');
    expect(await agent.exit, agent.output()).toBe(0);
    expect(agent.output()).toContain('stopped: 1 done, 0 to retry, 0 failed.');
  });

  it('refuses a bad --interval with its usage (exit 2)', async () => {
    const agent = startAgent(['--interval', 'often']);
    expect(await agent.exit).toBe(2);
    expect(agent.output()).toContain('--interval must be a number of seconds');
  });
});
