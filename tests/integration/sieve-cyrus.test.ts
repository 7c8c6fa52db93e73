import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCyrusMailbox } from '@/lib/mail/cyrus/operations';
import { ManageSieveClient, ManageSieveError, type ManageSieveOptions } from '@/lib/mail/sieve/managesieve';
import { generateVacationScript, generateWrapperScript, missingSieveExtensions } from '@/lib/mail/sieve/vacation-script';
import { CYRUS, CYRUS_ADMIN_PASSWORD, CYRUS_PORTS, cyrusTlsCa, useCyrus } from './helpers/cyrus';

// The ManageSieve client against Cyrus 3.6's timsieved: the Cyrus admin acting for a mailbox (SASL PLAIN
// with an authorization id), STARTTLS, every script command, and the quirks of Cyrus 3.6 Mailroom meets.

useCyrus({ tls: true });

const ADMIN = { user: 'cyrus', password: CYRUS_ADMIN_PASSWORD };
const PLAIN: ManageSieveOptions = { host: '127.0.0.1', port: CYRUS_PORTS.sieve };

beforeAll(async () => {
  for (const username of ['alice@cs.test', 'bob@cs.test', 'full@cs.test']) await ensureCyrusMailbox(CYRUS, { username, quotaBytes: 0n, folders: [] });
});

async function session(mailbox: string, as = ADMIN, options: ManageSieveOptions = PLAIN): Promise<ManageSieveClient> {
  const client = await ManageSieveClient.connect(options);
  try {
    await client.authenticatePlain(as.user, as.password, mailbox);
    return client;
  } catch (err) {
    client.close();
    throw err;
  }
}

async function refusal(promise: Promise<unknown>): Promise<ManageSieveError> {
  const err = await promise.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ManageSieveError);
  return err as ManageSieveError;
}

describe('[sieve-cyrus] login', () => {
  it('the greeting announces Cyrus timsieved, the extensions the vacation scripts need, SASL PLAIN and STARTTLS', async () => {
    const client = await ManageSieveClient.connect(PLAIN);
    expect(client.capabilities.get('IMPLEMENTATION')).toMatch(/^Cyrus timsieved 3\.6/);
    expect(missingSieveExtensions(client.capabilities.get('SIEVE') ?? '')).toEqual([]);
    expect((client.capabilities.get('SASL') ?? '').split(' ')).toContain('PLAIN');
    expect(client.capabilities.has('STARTTLS')).toBe(true);
    await client.logout();
  });

  it("the admin acts for a mailbox: its scripts are that mailbox's alone", async () => {
    const alice = await session('alice@cs.test');
    await alice.putScript('hello', 'keep;\r\n');
    expect(await alice.listScripts()).toEqual([{ name: 'hello', active: false }]);
    await alice.logout();
    const bob = await session('bob@cs.test');
    expect(await bob.listScripts()).toEqual([]);
    await bob.logout();
  });

  it.each([
    ['a wrong admin password', 'alice@cs.test', { ...ADMIN, password: `${ADMIN.password}x` }],
    ['a mailbox that does not exist on Cyrus', 'nobody@cs.test', ADMIN],
  ])('%s is refused', async (_label, mailbox, as) => {
    expect((await refusal(session(mailbox, as))).response?.status).toBe('NO');
  });

  it('STARTTLS: the session goes on over TLS, and the capabilities are read again (no STARTTLS any more)', async () => {
    const client = await session('alice@cs.test', ADMIN, { ...PLAIN, tls: true, ca: cyrusTlsCa() });
    expect(client.capabilities.has('STARTTLS')).toBe(false);
    expect(client.capabilities.get('IMPLEMENTATION')).toMatch(/^Cyrus timsieved/);
    expect((await client.listScripts()).map((s) => s.name)).toEqual(['hello']);
    await client.logout();
  });

  it('STARTTLS with a certificate the client does not trust: refused before anything else is sent', async () => {
    expect((await refusal(session('alice@cs.test', ADMIN, { ...PLAIN, tls: true }))).message).toMatch(/STARTTLS: .*self[- ]signed/i);
  });

  it('TLS asked of a server that does not offer STARTTLS: nothing but the greeting is exchanged, no password in clear', async () => {
    const received: string[] = [];
    const server = net.createServer((socket) => {
      socket.on('data', (d) => received.push(d.toString('latin1')));
      socket.write('"IMPLEMENTATION" "fake"\r\n"SASL" "PLAIN"\r\n"SIEVE" "vacation"\r\nOK\r\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as net.AddressInfo).port;
      expect((await refusal(session('alice@cs.test', ADMIN, { host: '127.0.0.1', port, tls: true }))).message).toMatch(/does not offer STARTTLS/);
      expect(received.join('')).toBe('');
    } finally {
      server.close();
    }
  });
});

describe('[sieve-cyrus] script commands', () => {
  it('PUTSCRIPT, GETSCRIPT and LISTSCRIPTS keep a script byte for byte (quotes, backslashes, UTF-8, a lone dot, > 1024 bytes)', async () => {
    const client = await session('alice@cs.test');
    const script = `require "vacation";\r\n# Köln ✓ "quoted" \\ ${'x'.repeat(1500)}\r\nif header :contains "subject" ".\\"" { vacation text:\r\n..\r\nKöln\r\n.\r\n; }\r\n`;
    await client.putScript('my rules', script);
    expect(await client.getScript('my rules')).toBe(script);
    expect(await client.listScripts()).toEqual(expect.arrayContaining([{ name: 'my rules', active: false }]));
    await client.logout();
  });

  it('SETACTIVE activates one script at a time; an empty name leaves none active', async () => {
    const client = await session('alice@cs.test');
    await client.setActive('hello');
    expect((await client.listScripts()).filter((s) => s.active).map((s) => s.name)).toEqual(['hello']);
    await client.setActive('my rules');
    expect((await client.listScripts()).filter((s) => s.active).map((s) => s.name)).toEqual(['my rules']);
    await client.setActive('');
    expect((await client.listScripts()).filter((s) => s.active)).toEqual([]);
    await client.logout();
  });

  it('DELETESCRIPT removes a script, but never the active one; a missing script is NONEXISTENT', async () => {
    const client = await session('alice@cs.test');
    await client.setActive('hello');
    expect((await refusal(client.deleteScript('hello'))).response).toMatchObject({ status: 'NO', code: 'ACTIVE' });
    await client.setActive('');
    await client.deleteScript('hello');
    expect((await client.listScripts()).map((s) => s.name)).toEqual(['my rules']);
    expect((await refusal(client.getScript('hello'))).response).toMatchObject({ status: 'NO', code: 'NONEXISTENT' });
    expect((await refusal(client.setActive('hello'))).response).toMatchObject({ status: 'NO', code: 'NONEXISTENT' });
    await client.logout();
  });

  it('CHECKSCRIPT compiles without storing; PUTSCRIPT refuses a broken script and stores nothing', async () => {
    const client = await session('alice@cs.test');
    expect(await client.checkScript('require "fileinto";\r\nfileinto "x";\r\n')).toBeNull();
    expect(await client.checkScript('nonsense;\r\n')).toMatch(/line 1: syntax error/);
    expect(await client.checkScript('vacation "x";\r\n')).toMatch(/vacation/);
    expect((await refusal(client.putScript('broken', 'nonsense;\r\n'))).response?.status).toBe('NO');
    expect((await client.listScripts()).map((s) => s.name)).toEqual(['my rules']);
    expect(await client.checkScript('keep;')).toBeNull();
    await client.logout();
  });

  it("Mailroom's generated scripts compile, text written to break out included", async () => {
    const client = await session('alice@cs.test');
    const vacation = generateVacationScript({
      address: 'alice@cs.test',
      subject: '"; discard; # \\ Köln',
      body: '.\n"; discard; #\n\\\n.\nfin\n}\nstop;',
      days: 1,
      activeFrom: new Date('2024-05-01T00:00:00Z'),
      activeUntil: new Date('2034-05-10T23:59:59Z'),
    });
    expect(await client.checkScript(vacation)).toBeNull();
    expect(await client.checkScript(generateWrapperScript('my rules'))).toBeNull();
    expect(await client.checkScript(generateWrapperScript(null))).toBeNull();
    await client.logout();
  });
});

describe('[sieve-cyrus] what Cyrus 3.6 does differently', () => {
  it('an 8-bit name is stored and listed MIME-encoded; the name as listed is the one that works', async () => {
    const client = await session('bob@cs.test');
    await client.putScript('Köln', 'keep;\r\n');
    expect(await client.listScripts()).toEqual([{ name: '=?UTF-8?Q?K=C3=B6ln?=', active: false }]);
    expect(await client.getScript('=?UTF-8?Q?K=C3=B6ln?=')).toBe('keep;\r\n');
    expect((await refusal(client.getScript('Köln'))).response?.code).toBe('NONEXISTENT');
    await client.deleteScript('=?UTF-8?Q?K=C3=B6ln?=');
    await client.logout();
  });

  it.each([
    ['a"b', /LISTSCRIPTS: .*line break in a quoted string/],
    ['my "rules"', /LISTSCRIPTS: .*did not quote correctly/],
  ])('a name with quotes (%j) is listed unescaped: the listing is refused at once, never read as another name', async (name, message) => {
    const client = await session('bob@cs.test');
    await client.putScript(name, 'keep;\r\n');
    await client.setActive(name);
    const started = Date.now();
    expect((await refusal(client.listScripts())).message).toMatch(message);
    expect(Date.now() - started).toBeLessThan(2000);
    client.close();
    const again = await session('bob@cs.test');
    await again.setActive('');
    await again.deleteScript(name);
    expect(await again.listScripts()).toEqual([]);
    await again.logout();
  });

  it('at sieve_maxscripts (5), even replacing an existing script is refused as QUOTA/MAXSCRIPTS', async () => {
    const client = await session('full@cs.test');
    for (const name of ['s1', 's2', 's3', 's4', 's5']) await client.putScript(name, 'keep;\r\n');
    expect((await refusal(client.putScript('s6', 'keep;\r\n'))).response?.code).toBe('QUOTA/MAXSCRIPTS');
    expect((await refusal(client.putScript('s5', 'discard;\r\n'))).response?.code).toBe('QUOTA/MAXSCRIPTS');
    expect(await client.getScript('s5')).toBe('keep;\r\n');
    await client.logout();
  });
});
