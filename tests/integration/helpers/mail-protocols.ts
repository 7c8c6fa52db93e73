import net from 'node:net';

// Raw SMTP, LMTP and IMAP dialogues over TCP, so the tests speak exactly what a mail client sends.

const TIMEOUT_MS = 15_000;

/** A line-oriented TCP connection: send a line, read lines until a reply is complete. */
class LineConnection {
  private buffer = '';
  private lines: string[] = [];
  private waiter: (() => void) | null = null;
  private closed = false;

  private constructor(private readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let i;
      while ((i = this.buffer.indexOf('\r\n')) >= 0) {
        this.lines.push(this.buffer.slice(0, i));
        this.buffer = this.buffer.slice(i + 2);
      }
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
    socket.on('error', () => undefined);
  }

  static open(port: number): Promise<LineConnection> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1', () => resolve(new LineConnection(socket)));
      socket.once('error', reject);
    });
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  /** Lines up to and including the first one for which `isLast` holds. */
  async read(isLast: (line: string) => boolean): Promise<string[]> {
    const deadline = Date.now() + TIMEOUT_MS;
    for (;;) {
      const end = this.lines.findIndex(isLast);
      if (end >= 0) return this.lines.splice(0, end + 1);
      if (this.closed) throw new Error(`connection closed while waiting; got: ${this.lines.join(' | ')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no complete reply within ${TIMEOUT_MS} ms; got: ${this.lines.join(' | ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          this.waiter = null;
          resolve();
        };
      });
    }
  }

  close(): void {
    this.socket.end();
  }
}

export interface Reply {
  code: number;
  text: string;
}

/** An SMTP or LMTP session (greeting read, EHLO/LHLO sent). */
export async function openSmtp(port: number, protocol: 'smtp' | 'lmtp' = 'smtp') {
  const conn = await LineConnection.open(port);
  const reply = async (): Promise<Reply> => {
    const lines = await conn.read((l) => /^\d{3}( |$)/.test(l));
    const last = lines[lines.length - 1] ?? '';
    return { code: Number(last.slice(0, 3)), text: lines.join('\n') };
  };
  const command = async (line: string): Promise<Reply> => {
    conn.send(line);
    return reply();
  };
  const greeting = await reply();
  if (greeting.code !== 220) throw new Error(`unexpected greeting: ${greeting.text}`);
  await command(`${protocol === 'smtp' ? 'EHLO' : 'LHLO'} tests.mailroom.test`);
  return {
    command,
    /** DATA: the message (dot-stuffed here), then one reply (SMTP) or one per accepted recipient (LMTP). */
    async data(message: string, replies = 1): Promise<Reply[]> {
      const start = await command('DATA');
      if (start.code !== 354) return [start];
      conn.send(`${message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.`);
      const out = [];
      for (let i = 0; i < replies; i++) out.push(await reply());
      return out;
    },
    async quit(): Promise<void> {
      await command('QUIT').catch(() => undefined);
      conn.close();
    },
  };
}

/** A small RFC 5322 message whose Subject carries `marker`, padded to about `size` bytes. */
export function testMessage(from: string, to: string, marker: string, size = 0): string {
  const body = ['Hello from the Mailroom tests.', ...Array.from({ length: Math.ceil(size / 76) }, () => 'x'.repeat(74))].join('\r\n');
  return [`From: <${from}>`, `To: <${to}>`, `Subject: ${marker}`, `Message-ID: <${marker}@tests.mailroom.test>`, '', body].join('\r\n');
}

/**
 * Sends one message over SMTP; returns each RCPT reply and the DATA reply (undefined when no recipient
 * was accepted, or when `message` is null: only the envelope is tried).
 */
export async function sendMail(port: number, from: string, to: string[], message: string | null) {
  const smtp = await openSmtp(port);
  try {
    const mail = await smtp.command(`MAIL FROM:<${from}>${message === null ? '' : ` SIZE=${Buffer.byteLength(message)}`}`);
    if (mail.code !== 250) throw new Error(`MAIL FROM refused: ${mail.text}`);
    const rcpt: Reply[] = [];
    for (const address of to) rcpt.push(await smtp.command(`RCPT TO:<${address}>`));
    const data = message !== null && rcpt.some((r) => r.code === 250) ? (await smtp.data(message))[0] : undefined;
    return { rcpt, data };
  } finally {
    await smtp.quit();
  }
}

/** An IMAP session: `command` tags each command and returns the untagged lines and the tagged status. */
export async function openImap(port: number) {
  const conn = await LineConnection.open(port);
  await conn.read((l) => l.startsWith('* OK'));
  let tag = 0;
  return {
    async command(text: string): Promise<{ status: string; lines: string[] }> {
      const t = `a${++tag}`;
      conn.send(`${t} ${text}`);
      const lines = await conn.read((l) => l.startsWith(`${t} `));
      const last = lines.pop() ?? '';
      return { status: last.split(' ')[1] ?? '', lines };
    },
    close: () => conn.close(),
  };
}

/** An IMAP quoted string. */
export function imapQuote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
