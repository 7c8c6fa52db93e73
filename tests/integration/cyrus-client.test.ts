import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CyrusAuthError, CyrusUnavailableError } from '@/lib/mail/cyrus/errors';
import { ImapSession } from '@/lib/mail/cyrus/imap-client';

// The IMAP client against scripted servers: what it sends byte for byte when the server lacks
// LITERAL+ and SASL-IR, and how a silent, garbled or departing server ends up (a retryable error).

type Script = (socket: net.Socket, received: () => string) => void;
let server: net.Server | null = null;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function serve(script: Script): Promise<{ port: number; received: () => string }> {
  let data = '';
  server = net.createServer((socket) => {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('error', () => undefined);
    script(socket, () => data);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, received: () => data };
}

/** Waits until the client has sent text matching `re`. */
async function until(received: () => string, re: RegExp): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!re.test(received())) {
    if (Date.now() > deadline) throw new Error(`client never sent ${re}: ${JSON.stringify(received())}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const endpoint = (port: number) => ({ host: '127.0.0.1', port, tls: false, timeoutMs: 500 });

describe('[cyrus] IMAP client on the wire', () => {
  it('waits for the continuation before each literal when the server lacks LITERAL+', async () => {
    const { port, received } = await serve(async (socket, got) => {
      socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n');
      await until(got, /m1 LOGIN "cyrus" \{7\}\r\n$/);
      await new Promise((r) => setTimeout(r, 50));
      // nothing of the literal may arrive before the go-ahead
      expect(got().endsWith('{7}\r\n')).toBe(true);
      socket.write('+ go ahead\r\n');
      await until(got, /\r\n$/);
      await until(got, /pa\r\ns"w\r\n$/);
      socket.write('m1 OK logged in\r\n');
    });
    const session = await ImapSession.open(endpoint(port));
    await session.login('cyrus', 'pa\r\ns"w');
    session.close();
    expect(received()).toBe('m1 LOGIN "cyrus" {7}\r\npa\r\ns"w\r\n');
  });

  it('authenticates with a continuation when the server lacks SASL-IR, and reports a refusal as an auth error', async () => {
    const token = Buffer.from('bob@x.test\0cyrus\0pw').toString('base64');
    const { port, received } = await serve(async (socket, got) => {
      socket.write('* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n');
      await until(got, /m1 AUTHENTICATE PLAIN\r\n$/);
      socket.write('+ \r\n');
      await until(got, new RegExp(`${token.replace(/[+/=]/g, '\\$&')}\\r\\n$`));
      socket.write('m1 NO not allowed\r\n');
    });
    const session = await ImapSession.open(endpoint(port));
    const err = await session.authenticatePlain('bob@x.test', 'cyrus', 'pw').catch((e: unknown) => e);
    session.close();
    expect(err).toBeInstanceOf(CyrusAuthError);
    expect((err as Error).message).not.toContain(token);
    expect(received()).toBe(`m1 AUTHENTICATE PLAIN\r\n${token}\r\n`);
  });

  it.each<[string, Script]>([
    ['never greets', () => undefined],
    ['greets with garbage', (socket) => socket.write('hello there\r\n')],
    ['refuses at once', (socket) => socket.end('* BYE too busy\r\n')],
  ])('gives up with a retryable error when the server %s', async (_why, script) => {
    const { port } = await serve(script);
    const err = await ImapSession.open(endpoint(port)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CyrusUnavailableError);
    expect((err as CyrusUnavailableError).retryable).toBe(true);
  });

  it('turns a BYE in the middle of a command into a retryable error', async () => {
    const { port } = await serve(async (socket, got) => {
      socket.write('* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n');
      await until(got, /m1 NOOP\r\n/);
      socket.end('* BYE shutting down\r\n');
    });
    const session = await ImapSession.open(endpoint(port));
    await expect(session.run('NOOP', [])).rejects.toBeInstanceOf(CyrusUnavailableError);
    session.close();
  });

  it('times out on a server that stops answering', async () => {
    const { port } = await serve((socket) => socket.write('* OK [CAPABILITY IMAP4rev1] ready\r\n'));
    const session = await ImapSession.open(endpoint(port));
    const started = Date.now();
    await expect(session.run('NOOP', [])).rejects.toThrow(/did not answer within 500 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
