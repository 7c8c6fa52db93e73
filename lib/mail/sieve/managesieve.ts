import net from 'node:net';
import tls from 'node:tls';
import { encodeString, ManageSieveSyntaxError, parseResponse, tokenText, type Response } from './protocol';

// A ManageSieve client (RFC 5804) for Dovecot Pigeonhole and Cyrus timsieved: capabilities, SASL PLAIN
// with an authorization id (a master or admin user acting for a mailbox), and the script commands.
// One command at a time; every wait has a deadline. Plain TCP (meant for the mail host or a trusted
// network), or STARTTLS when asked: then never plain text, whatever the server offers.

export interface ManageSieveOptions {
  host: string;
  port: number;
  /** per reply, milliseconds */
  timeoutMs?: number;
  /** STARTTLS before anything else (RFC 5804 §2.2); the certificate must be valid for `host` */
  tls?: boolean;
  /** certificates to trust besides the system's (a private CA) */
  ca?: string;
}

export interface ScriptInfo {
  name: string;
  active: boolean;
}

/** A NO or BYE answer (response code and text as the server gave them), or a broken connection. */
export class ManageSieveError extends Error {
  constructor(
    readonly command: string,
    readonly response: Pick<Response, 'status' | 'code' | 'text'> | null,
    detail: string,
  ) {
    super(`ManageSieve ${command}: ${detail}`);
  }
}

export class ManageSieveClient {
  /** capability name (upper case) -> value ('' when it has none), e.g. SIEVE -> "fileinto vacation ..." */
  capabilities = new Map<string, string>();
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | null = null;
  private failure: Error | null = null;

  private constructor(
    private socket: net.Socket,
    private readonly timeoutMs: number,
  ) {
    this.attach(socket);
  }

  private attach(socket: net.Socket): void {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiter?.();
    });
    socket.on('close', () => {
      this.failure ??= new Error('connection closed');
      this.waiter?.();
    });
    socket.on('error', (err) => {
      this.failure = err;
      this.waiter?.();
    });
  }

  /** Connects and reads the greeting (the server's capabilities). */
  static async connect(options: ManageSieveOptions): Promise<ManageSieveClient> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const s = net.connect({ host: options.host, port: options.port, timeout: timeoutMs });
      s.once('connect', () => resolve(s));
      s.once('error', (err) => reject(new ManageSieveError('connect', null, err.message)));
      s.once('timeout', () => {
        s.destroy();
        reject(new ManageSieveError('connect', null, 'timed out'));
      });
    });
    socket.setTimeout(0);
    const client = new ManageSieveClient(socket, timeoutMs);
    try {
      client.readCapabilities(await client.expectOk('greeting'));
      if (options.tls) await client.startTls(options.host, options.ca);
    } catch (err) {
      client.close();
      throw err;
    }
    return client;
  }

  /** STARTTLS; the server then announces its capabilities again (RFC 5804 §2.2). */
  private async startTls(host: string, ca: string | undefined): Promise<void> {
    // no fallback: without TLS the password would cross the network in clear
    if (!this.capabilities.has('STARTTLS')) throw new ManageSieveError('STARTTLS', null, 'the server does not offer STARTTLS');
    await this.run('STARTTLS');
    const plain = this.socket;
    plain.removeAllListeners();
    plain.on('error', () => undefined); // reported by the TLS socket
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const s = tls.connect({ socket: plain, host, servername: net.isIP(host) ? undefined : host, ...(ca ? { ca } : {}) });
      const timer = setTimeout(() => {
        s.destroy();
        reject(new ManageSieveError('STARTTLS', null, `no TLS handshake within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      s.once('secureConnect', () => {
        clearTimeout(timer);
        resolve(s);
      });
      s.once('error', (err) => {
        clearTimeout(timer);
        s.destroy();
        reject(new ManageSieveError('STARTTLS', null, err.message));
      });
    });
    this.attach(secure);
    this.readCapabilities(await this.expectOk('STARTTLS'));
  }

  private readCapabilities(response: Response): void {
    this.capabilities = new Map(response.lines.map((l) => [tokenText(l[0]).toUpperCase(), tokenText(l[1])]));
  }

  /** The response at the start of the buffer, if complete; a server breaking the syntax ends the session. */
  private parseBuffered(command: string): ReturnType<typeof parseResponse> {
    try {
      return parseResponse(this.buffer);
    } catch (err) {
      if (!(err instanceof ManageSieveSyntaxError)) throw err;
      this.failure = err;
      this.socket.destroy();
      throw new ManageSieveError(command, null, err.message);
    }
  }

  /** Waits for the next complete response. */
  private async read(command: string): Promise<Response> {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const parsed = this.parseBuffered(command);
      if (parsed) {
        this.buffer = this.buffer.subarray(parsed.end);
        return parsed.value;
      }
      if (this.failure) throw new ManageSieveError(command, null, this.failure.message);
      const left = deadline - Date.now();
      if (left <= 0) {
        this.socket.destroy();
        throw new ManageSieveError(command, null, `no answer within ${this.timeoutMs} ms`);
      }
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

  private async expectOk(command: string): Promise<Response> {
    const response = await this.read(command);
    if (response.status !== 'OK') throw new ManageSieveError(command, response, `${response.status}${response.code ? ` (${response.code})` : ''} ${response.text}`);
    return response;
  }

  /** Sends a command: its name, then each argument encoded as a string (quoted or literal). */
  private async run(name: string, ...args: string[]): Promise<Response> {
    if (this.failure) throw new ManageSieveError(name, null, this.failure.message);
    const parts = [Buffer.from(name, 'latin1'), ...args.map(encodeString)];
    const line = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from(' '), p])).concat(Buffer.from('\r\n')));
    this.socket.write(line);
    return this.expectOk(name);
  }

  /** SASL PLAIN: `authcid` (e.g. a master user) with its password, acting as `authzid` (the mailbox). */
  async authenticatePlain(authcid: string, password: string, authzid = ''): Promise<void> {
    const token = Buffer.from(`${authzid}\0${authcid}\0${password}`, 'utf8').toString('base64');
    const response = await this.run('AUTHENTICATE', 'PLAIN', token);
    // a server that negotiated a security layer sends its capabilities again (RFC 5804 §2.1)
    if (response.lines.length) this.readCapabilities(response);
  }

  /** The scripts; a line that is not `name [ACTIVE]` (Cyrus 3.6 leaves quotes in names unescaped) is refused, never guessed. */
  async listScripts(): Promise<ScriptInfo[]> {
    const response = await this.run('LISTSCRIPTS');
    return response.lines.map((l) => {
      const [name, flag, ...rest] = l;
      const active = flag?.kind === 'atom' && flag.value.toUpperCase() === 'ACTIVE';
      if (name?.kind !== 'string' || (flag && !active) || rest.length) throw new ManageSieveError('LISTSCRIPTS', null, 'the server listed a script name it did not quote correctly');
      return { name: name.value, active };
    });
  }

  async getScript(name: string): Promise<string> {
    const response = await this.run('GETSCRIPT', name);
    return tokenText(response.lines[0]?.[0]);
  }

  /** Uploads (or replaces) a script; the server compiles it first and refuses one with errors. */
  async putScript(name: string, content: string): Promise<void> {
    await this.run('PUTSCRIPT', name, content);
  }

  /** Compiles a script without storing it: null when valid, else the server's error text. */
  async checkScript(content: string): Promise<string | null> {
    try {
      await this.run('CHECKSCRIPT', content);
      return null;
    } catch (err) {
      if (err instanceof ManageSieveError && err.response?.status === 'NO') return err.response.text;
      throw err;
    }
  }

  /** Makes `name` the active script; '' leaves none active. */
  async setActive(name: string): Promise<void> {
    await this.run('SETACTIVE', name);
  }

  async deleteScript(name: string): Promise<void> {
    await this.run('DELETESCRIPT', name);
  }

  /** LOGOUT, then closes the connection (errors ignored: the session is over either way). */
  async logout(): Promise<void> {
    await this.run('LOGOUT').catch(() => undefined);
    this.close();
  }

  close(): void {
    this.socket.destroy();
  }
}
