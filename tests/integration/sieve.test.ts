import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManageSieveClient, ManageSieveError } from '@/lib/mail/sieve/managesieve';
import { generateVacationScript, generateWrapperScript } from '@/lib/mail/sieve/vacation-script';
import { hashPassword } from '@/lib/passwords/hash';
import { insertDomains, insertMailboxes } from './helpers/mail-fixtures';
import { LMTP_TRANSPORT, PORTS, SIEVE_MASTER, useMailStack, VMAIL_DIR } from './helpers/mailstack';

// The ManageSieve client against Dovecot Pigeonhole: the master user acting for a mailbox (SASL PLAIN
// with an authorization id), and every script command, with names and scripts written to break out.

const stack = useMailStack();
const PASSWORD = 'owner "pass\\word';

beforeAll(async () => {
  await insertDomains(stack().dbUrl, [{ domain: 'sieve.test', transport: LMTP_TRANSPORT }]);
  const password = await hashPassword(PASSWORD);
  await insertMailboxes(stack().dbUrl, [
    { username: 'alice@sieve.test', password },
    { username: 'bob@sieve.test', password },
    { username: 'off@sieve.test', password, active: false },
  ]);
});

async function session(mailbox: string, as: { user: string; password: string } = SIEVE_MASTER): Promise<ManageSieveClient> {
  const client = await ManageSieveClient.connect({ host: '127.0.0.1', port: PORTS.sieve });
  try {
    await client.authenticatePlain(as.user, as.password, as.user === mailbox ? '' : mailbox);
    return client;
  } catch (err) {
    client.close();
    throw err;
  }
}

async function refusal(promise: Promise<unknown>): Promise<{ status?: string; code?: string | null }> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ManageSieveError);
  return { status: (err as ManageSieveError).response?.status, code: (err as ManageSieveError).response?.code };
}

describe('[sieve] ManageSieve login', () => {
  it('the greeting announces the extensions the vacation scripts need, and SASL PLAIN', async () => {
    const client = await ManageSieveClient.connect({ host: '127.0.0.1', port: PORTS.sieve });
    const sieve = (client.capabilities.get('SIEVE') ?? '').split(' ');
    expect(sieve).toEqual(expect.arrayContaining(['vacation', 'date', 'relational', 'include']));
    expect((client.capabilities.get('SASL') ?? '').split(' ')).toContain('PLAIN');
    await client.logout();
  });

  it('the master user acts for a mailbox: its scripts land in that mailbox\'s own storage', async () => {
    const client = await session('alice@sieve.test');
    await client.putScript('hello', 'keep;\r\n');
    await client.logout();
    expect(await readFile(path.join(VMAIL_DIR, 'sieve.test/alice/sieve/hello.sieve'), 'utf8')).toBe('keep;\r\n');
    const bob = await session('bob@sieve.test');
    expect(await bob.listScripts()).toEqual([]);
    await bob.logout();
  });

  it('the owner with their own password works too (the client is generic)', async () => {
    const client = await session('alice@sieve.test', { user: 'alice@sieve.test', password: PASSWORD });
    expect((await client.listScripts()).map((s) => s.name)).toContain('hello');
    await client.logout();
  });

  it.each([
    ['a wrong master password', 'alice@sieve.test', { user: SIEVE_MASTER.user, password: `${SIEVE_MASTER.password}x` }],
    ['an inactive mailbox', 'off@sieve.test', SIEVE_MASTER],
    ['an unknown mailbox', 'nobody@sieve.test', SIEVE_MASTER],
    ['a mailbox password used as the master', 'bob@sieve.test', { user: 'alice@sieve.test', password: PASSWORD }],
  ])('%s is refused', async (_label, mailbox, as) => {
    expect(await refusal(session(mailbox, as))).toMatchObject({ status: 'NO' });
  });
});

describe('[sieve] ManageSieve script commands', () => {
  it('PUTSCRIPT, GETSCRIPT and LISTSCRIPTS keep names and scripts byte for byte (quotes, UTF-8, a lone dot, > 1024 bytes)', async () => {
    const client = await session('alice@sieve.test');
    const name = 'my "rules" \\ Köln';
    const script = `require "vacation";\r\n# Köln ✓ "quoted" \\ ${'x'.repeat(1500)}\r\nif header :contains "subject" ".\\"" { vacation text:\r\n..\r\nKöln\r\n.\r\n; }\r\n`;
    await client.putScript(name, script);
    expect(await client.getScript(name)).toBe(script);
    expect(await client.listScripts()).toEqual(expect.arrayContaining([{ name, active: false }]));
    await client.logout();
  });

  it('SETACTIVE activates one script at a time; an empty name leaves none active', async () => {
    const client = await session('alice@sieve.test');
    await client.setActive('hello');
    expect((await client.listScripts()).filter((s) => s.active).map((s) => s.name)).toEqual(['hello']);
    await client.setActive('my "rules" \\ Köln');
    expect((await client.listScripts()).filter((s) => s.active).map((s) => s.name)).toEqual(['my "rules" \\ Köln']);
    await client.setActive('');
    expect((await client.listScripts()).filter((s) => s.active)).toEqual([]);
    await client.logout();
  });

  it('DELETESCRIPT removes a script, but never the active one; a missing script is NONEXISTENT', async () => {
    const client = await session('alice@sieve.test');
    await client.setActive('hello');
    expect(await refusal(client.deleteScript('hello'))).toMatchObject({ status: 'NO', code: 'ACTIVE' });
    await client.setActive('');
    await client.deleteScript('hello');
    expect((await client.listScripts()).map((s) => s.name)).not.toContain('hello');
    expect(await refusal(client.getScript('hello'))).toMatchObject({ status: 'NO', code: 'NONEXISTENT' });
    await client.logout();
  });

  it('CHECKSCRIPT compiles without storing; PUTSCRIPT refuses a broken script and stores nothing', async () => {
    const client = await session('alice@sieve.test');
    expect(await client.checkScript('require "fileinto";\r\nfileinto "x";\r\n')).toBeNull();
    expect(await client.checkScript('nonsense;\r\n')).toMatch(/unknown command 'nonsense'/);
    expect(await refusal(client.putScript('broken', 'nonsense;\r\n'))).toMatchObject({ status: 'NO' });
    expect((await client.listScripts()).map((s) => s.name)).not.toContain('broken');
    // the session goes on after a refusal
    expect(await client.checkScript('keep;')).toBeNull();
    await client.logout();
  });

  it("Mailroom's generated scripts compile, text written to break out included", async () => {
    const client = await session('alice@sieve.test');
    const vacation = generateVacationScript({
      address: 'alice@sieve.test',
      subject: '"; discard; # \\',
      body: '.\n"; discard; #\n\\\n.\nfin',
      days: 7,
      activeFrom: new Date('2024-05-01T00:00:00Z'),
      activeUntil: new Date('2024-05-10T23:59:59Z'),
    });
    expect(await client.checkScript(vacation)).toBeNull();
    await client.putScript('mailroom-vacation', vacation);
    expect(await client.checkScript(generateWrapperScript('my "rules" \\ Köln'))).toBeNull();
    await client.logout();
  });
});
