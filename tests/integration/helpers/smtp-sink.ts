import net from 'node:net';

// Catches the mail a daemon sends itself (Cyrus's Sieve vacation replies, over `smtp_backend: host`):
// a small SMTP server on a free loopback port that accepts everything and keeps each message as sent.
// No test framework here: the vitest files (useSmtpSink in cyrus-vacation.ts) and the Playwright
// specs (e2e/cyrus.spec.ts) both start one.

export interface CaughtMail {
  from: string;
  to: string[];
  /** the message with CRLF line ends, dot-stuffing undone */
  data: string;
}

export interface SmtpSink {
  port: number;
  messages: CaughtMail[];
}

function serve(socket: net.Socket, messages: CaughtMail[]): void {
  let buffer = Buffer.alloc(0);
  let mail: CaughtMail = { from: '', to: [], data: '' };
  let dataLines: Buffer[] | null = null;
  const reply = (line: string) => socket.write(`${line}\r\n`);
  const onLine = (line: Buffer) => {
    if (dataLines) {
      if (line.toString('latin1') === '.') {
        messages.push({ ...mail, data: Buffer.concat(dataLines.flatMap((l) => [l, Buffer.from('\r\n')])).toString('utf8') });
        mail = { from: '', to: [], data: '' };
        dataLines = null;
        reply('250 2.0.0 caught');
      } else dataLines.push(line[0] === 0x2e ? line.subarray(1) : line);
      return;
    }
    const text = line.toString('utf8');
    const verb = text.slice(0, 4).toUpperCase();
    if (verb === 'EHLO') reply('250-sink.mailroom.test\r\n250-8BITMIME\r\n250 SMTPUTF8');
    else if (verb === 'MAIL') mail.from = /<([^>]*)>/.exec(text)?.[1] ?? '';
    else if (verb === 'RCPT') mail.to.push(/<([^>]*)>/.exec(text)?.[1] ?? '');
    else if (verb === 'DATA') dataLines = [];
    else if (verb === 'QUIT') {
      reply('221 2.0.0 bye');
      socket.end();
      return;
    }
    if (verb === 'DATA') reply('354 go ahead');
    else if (verb !== 'EHLO') reply('250 2.0.0 ok');
  };
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (let end = buffer.indexOf('\r\n'); end >= 0; end = buffer.indexOf('\r\n')) {
      onLine(buffer.subarray(0, end));
      buffer = buffer.subarray(end + 2);
    }
  });
  socket.on('error', () => undefined);
  reply('220 sink.mailroom.test ESMTP');
}

/** A running catcher: `close` disconnects its clients and stops listening. */
export interface RunningSmtpSink extends SmtpSink {
  close(): Promise<void>;
}

/** Starts a catcher on a free loopback port. */
export async function startSmtpSink(): Promise<RunningSmtpSink> {
  const messages: CaughtMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    serve(socket, messages);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    messages,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** RFC 2047 encoded words (Q and B, UTF-8 or Latin-1) decoded; whitespace between two of them dropped. */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  return value.replace(/(\?=)\s+(?==\?)/g, '$1').replace(word, (_all, charset: string, encoding: string, text: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return bytes.toString(/^utf-?8$/i.test(charset) ? 'utf8' : 'latin1');
  });
}

/** A header of a caught message (first occurrence), unfolded and decoded; null when absent. */
export function headerOf(mail: CaughtMail, name: string): string | null {
  const head = mail.data.slice(0, mail.data.indexOf('\r\n\r\n')).replace(/\r\n[ \t]/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line === undefined ? null : decodeEncodedWords(line.slice(name.length + 1).trim());
}

/** The body of a caught message (after the blank line), CRLF as sent. */
export function bodyOf(mail: CaughtMail): string {
  return mail.data.slice(mail.data.indexOf('\r\n\r\n') + 4);
}

/** The caught messages sent to `to` whose (decoded) Subject is `subject`. */
export function caughtWithSubject(sink: SmtpSink, to: string, subject: string): CaughtMail[] {
  return sink.messages.filter((m) => m.to.includes(to) && headerOf(m, 'Subject') === subject);
}
