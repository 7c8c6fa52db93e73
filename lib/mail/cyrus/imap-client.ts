import net from 'node:net';
import tls from 'node:tls';
import { CyrusAuthError, CyrusCommandError, CyrusUnavailableError } from './errors';
import { parseResponse, takeResponse, type ImapResponse, type ImapValue } from './imap-parser';
import { atom, encodeCommand, str, type ImapArg } from './imap-syntax';

// A small IMAP client for the Cyrus admin: one TCP (or TLS) connection, one command at a time,
// strictly encoded arguments (imap-syntax.ts), literals both ways. It logs nothing, and the commands
// that carry a password (LOGIN, AUTHENTICATE) never appear in an error message.

export interface ImapEndpoint {
  host: string;
  port: number;
  /** implicit TLS (imaps); the certificate must be valid for `host` */
  tls: boolean;
  /** per connection attempt and per command; default 15 s */
  timeoutMs?: number;
}

export interface CommandResult {
  /** the untagged data responses (`* LIST ...` -> ['LIST', [...], '/', 'user/bob@example.org']) */
  data: ImapValue[][];
  code: string | null;
  text: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

export class ImapSession {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly responses: ImapResponse[] = [];
  private wake: (() => void) | null = null;
  private failure: Error | null = null;
  private tagCount = 0;
  capabilities = new Set<string>();

  private constructor(
    private readonly socket: net.Socket,
    private readonly where: string,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (err) => this.fail(new CyrusUnavailableError(`Cyrus at ${where} failed: ${err.message}`, { cause: err })));
    socket.on('close', () => this.fail(new CyrusUnavailableError(`Cyrus at ${where} closed the connection`)));
  }

  /** Connects and reads the greeting; throws CyrusUnavailableError when Cyrus cannot be reached. */
  static async open(endpoint: ImapEndpoint): Promise<ImapSession> {
    const timeoutMs = endpoint.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const where = `${endpoint.host}:${endpoint.port}`;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = endpoint.tls
        ? tls.connect({ host: endpoint.host, port: endpoint.port, servername: net.isIP(endpoint.host) ? undefined : endpoint.host })
        : net.connect({ host: endpoint.host, port: endpoint.port });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new CyrusUnavailableError(`Cyrus at ${where} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      s.once(endpoint.tls ? 'secureConnect' : 'connect', () => {
        clearTimeout(timer);
        s.removeAllListeners('error');
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        reject(new CyrusUnavailableError(`Cyrus at ${where} is unreachable: ${(err as NodeJS.ErrnoException).code ?? err.message}`, { cause: err }));
      });
    });
    const session = new ImapSession(socket, where, timeoutMs);
    const greeting = await session.next();
    if (greeting.type !== 'status' || (greeting.status !== 'OK' && greeting.status !== 'PREAUTH')) {
      session.close();
      throw new CyrusUnavailableError(`Cyrus at ${where} refused the connection: ${greeting.type === 'status' ? greeting.text : 'no greeting'}`);
    }
    session.readCapabilities(greeting.code);
    if (session.capabilities.size === 0) await session.run('CAPABILITY', []);
    return session;
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    try {
      for (let cut = takeResponse(this.buffer); cut; cut = takeResponse(this.buffer)) {
        this.buffer = cut.rest;
        this.responses.push(parseResponse(cut.raw));
      }
    } catch (err) {
      this.fail(new CyrusUnavailableError(`Cyrus at ${this.where} sent an unreadable response: ${(err as Error).message}`));
      this.socket.destroy();
    }
    this.wake?.();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }

  private readCapabilities(code: string | null): void {
    if (code && /^CAPABILITY /i.test(code)) this.capabilities = new Set(code.split(' ').slice(1).map((c) => c.toUpperCase()));
  }

  /** The next response, within the timeout. */
  private async next(): Promise<ImapResponse> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const response = this.responses.shift();
      if (response) return response;
      if (this.failure) throw this.failure;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.socket.destroy();
        throw new CyrusUnavailableError(`Cyrus at ${this.where} did not answer within ${this.timeoutMs} ms`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  private write(data: string | Buffer): void {
    if (this.failure) throw this.failure;
    this.socket.write(data);
  }

  /**
   * Sends one command and waits for its tagged answer. NO and BAD throw CyrusCommandError naming
   * `label` (default: the command), so a command carrying a secret can be given a harmless label.
   */
  async run(command: string, args: ImapArg[], label = command): Promise<CommandResult> {
    const tag = `m${++this.tagCount}`;
    const literalPlus = this.capabilities.has('LITERAL+');
    const data: ImapValue[][] = [];
    const chunks = encodeCommand(tag, [atom(command), ...args], literalPlus);
    for (const chunk of chunks) {
      this.write(chunk.text);
      if (!chunk.literal) continue;
      if (!literalPlus) await this.awaitContinuation(data, label);
      this.write(chunk.literal);
    }
    for (;;) {
      const response = await this.next();
      if (response.type === 'data') data.push(response.values);
      else if (response.type === 'status' && response.tag === tag) {
        if (response.status === 'OK') {
          this.readCapabilities(response.code);
          for (const values of data) if (String(values[0]).toUpperCase() === 'CAPABILITY') this.capabilities = new Set(values.slice(1).map((v) => String(v).toUpperCase()));
          return { data, code: response.code, text: response.text };
        }
        throw new CyrusCommandError(label, response.status === 'BAD' ? 'BAD' : 'NO', response.text);
      } else if (response.type === 'status' && response.status === 'BYE') {
        this.fail(new CyrusUnavailableError(`Cyrus at ${this.where} ended the session: ${response.text}`));
      }
    }
  }

  private async awaitContinuation(data: ImapValue[][], label: string): Promise<string> {
    for (;;) {
      const response = await this.next();
      if (response.type === 'continuation') return response.text;
      if (response.type === 'data') data.push(response.values);
      else if (response.type === 'status' && response.tag !== '*') throw new CyrusCommandError(label, response.status === 'BAD' ? 'BAD' : 'NO', response.text);
    }
  }

  /** LOGIN; a refusal is a CyrusAuthError (the password is never part of any message). */
  async login(user: string, password: string): Promise<void> {
    try {
      await this.run('LOGIN', [str(user), str(password)], 'LOGIN');
    } catch (err) {
      if (err instanceof CyrusCommandError) throw new CyrusAuthError(`Cyrus refused the login of ${JSON.stringify(user)}: ${err.serverText}`);
      throw err;
    }
  }

  /**
   * AUTHENTICATE PLAIN as `authcid`, acting as `authzid` (SASL proxy authorization: Cyrus lets its
   * admins act as any user, which is how the admin subscribes a user's folders).
   */
  async authenticatePlain(authzid: string, authcid: string, password: string): Promise<void> {
    const token = Buffer.from(`${authzid}\0${authcid}\0${password}`, 'utf8').toString('base64');
    try {
      if (this.capabilities.has('SASL-IR')) {
        await this.run('AUTHENTICATE', [atom('PLAIN'), atom(token)], 'AUTHENTICATE PLAIN');
      } else {
        const tag = `m${++this.tagCount}`;
        this.write(`${tag} AUTHENTICATE PLAIN\r\n`);
        await this.awaitContinuation([], 'AUTHENTICATE PLAIN');
        this.write(`${token}\r\n`);
        for (;;) {
          const response = await this.next();
          if (response.type === 'status' && response.tag === tag) {
            if (response.status !== 'OK') throw new CyrusCommandError('AUTHENTICATE PLAIN', response.status === 'BAD' ? 'BAD' : 'NO', response.text);
            this.readCapabilities(response.code);
            return;
          }
        }
      }
    } catch (err) {
      if (err instanceof CyrusCommandError) throw new CyrusAuthError(`Cyrus refused to let ${JSON.stringify(authcid)} act as ${JSON.stringify(authzid)}: ${err.serverText}`);
      throw err;
    }
  }

  /** LOGOUT, then closes; errors on the way out are ignored (the work is done). */
  async logout(): Promise<void> {
    try {
      await this.run('LOGOUT', []);
    } catch {
      // already closed or refused: nothing left to do
    }
    this.close();
  }

  close(): void {
    this.socket.destroy();
  }
}
