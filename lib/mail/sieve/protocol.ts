// ManageSieve's wire format (RFC 5804 §4), parsed from bytes: atoms, quoted strings, literals
// (`{n}` from the server, `{n+}` accepted too), parenthesised response codes, and the OK/NO/BYE line
// that ends every response. Pure: the client (managesieve.ts) feeds it what the socket received.

export type Token = { kind: 'atom'; value: string } | { kind: 'string'; value: string } | { kind: 'list'; items: Token[] };

export interface Response {
  status: 'OK' | 'NO' | 'BYE';
  /** the response code, e.g. `NONEXISTENT`, `QUOTA/MAXSIZE`, `WARNINGS`; null when none */
  code: string | null;
  /** the human-readable text after the code ('' when none) */
  text: string;
  /** the data lines before the status line */
  lines: Token[][];
}

const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ATOM_END = new Set([SPACE, CR, LF, QUOTE, 0x28, 0x29, 0x7b]); // space CR LF " ( ) {

type Parsed<T> = { value: T; end: number } | null;

/** A response the client cannot read: the server broke the syntax (e.g. Cyrus 3.6 lists a script named `a"b` unescaped). */
export class ManageSieveSyntaxError extends Error {}

function parseQuoted(buf: Buffer, start: number): Parsed<Token> {
  // UTF-8 continuation bytes are never `"`, `\`, CR or LF, so scanning bytes is safe
  const bytes: number[] = [];
  for (let i = start + 1; i < buf.length; i++) {
    const b = buf[i];
    if (b === QUOTE) return { value: { kind: 'string', value: Buffer.from(bytes).toString('utf8') }, end: i + 1 };
    // a quoted string holds no line break, and escapes only `"` and `\` (RFC 5804 §4): anything else
    // means the server did not escape a name, and guessing it could act on the wrong script
    if (b === CR || b === LF) throw new ManageSieveSyntaxError('ManageSieve: line break in a quoted string');
    if (b === BACKSLASH) {
      if (i + 1 >= buf.length) return null;
      const next = buf[++i];
      if (next !== QUOTE && next !== BACKSLASH) throw new ManageSieveSyntaxError('ManageSieve: invalid escape in a quoted string');
      bytes.push(next);
    } else bytes.push(b ?? 0);
  }
  return null;
}

function parseLiteral(buf: Buffer, start: number): Parsed<Token> {
  const close = buf.indexOf(0x7d, start); // }
  if (close < 0 || close + 2 >= buf.length) return null;
  const m = /^\{(\d{1,9})\+?\}$/.exec(buf.subarray(start, close + 1).toString('latin1'));
  if (!m || buf[close + 1] !== CR || buf[close + 2] !== LF) throw new ManageSieveSyntaxError('ManageSieve: malformed literal');
  const from = close + 3;
  const to = from + Number(m[1]);
  if (to > buf.length) return null;
  return { value: { kind: 'string', value: buf.subarray(from, to).toString('utf8') }, end: to };
}

function parseToken(buf: Buffer, start: number): Parsed<Token> {
  const b = buf[start];
  if (b === QUOTE) return parseQuoted(buf, start);
  if (b === 0x7b) return parseLiteral(buf, start);
  if (b === 0x28) {
    const items: Token[] = [];
    let i = start + 1;
    for (;;) {
      while (buf[i] === SPACE) i++;
      if (i >= buf.length) return null;
      if (buf[i] === 0x29) return { value: { kind: 'list', items }, end: i + 1 };
      const item = parseToken(buf, i);
      if (!item) return null;
      items.push(item.value);
      i = item.end;
    }
  }
  let i = start;
  while (i < buf.length && !ATOM_END.has(buf[i] ?? 0)) i++;
  if (i === buf.length) return null;
  if (i === start) throw new ManageSieveSyntaxError(`ManageSieve: unexpected byte 0x${(b ?? 0).toString(16)}`);
  return { value: { kind: 'atom', value: buf.subarray(start, i).toString('utf8') }, end: i };
}

/** One line (its literals included) from `start`, or null when the buffer does not hold all of it yet. */
export function parseLine(buf: Buffer, start = 0): Parsed<Token[]> {
  const tokens: Token[] = [];
  let i = start;
  for (;;) {
    while (buf[i] === SPACE) i++;
    if (i >= buf.length) return null;
    if (buf[i] === CR || buf[i] === LF) {
      if (buf[i] === CR && i + 1 >= buf.length) return null;
      return { value: tokens, end: buf[i] === CR && buf[i + 1] === LF ? i + 2 : i + 1 };
    }
    const token = parseToken(buf, i);
    if (!token) return null;
    tokens.push(token.value);
    i = token.end;
  }
}

function statusOf(tokens: Token[]): Response['status'] | null {
  const first = tokens[0];
  if (first?.kind !== 'atom') return null;
  const word = first.value.toUpperCase();
  return word === 'OK' || word === 'NO' || word === 'BYE' ? word : null;
}

/** The text of a token: a string's value, an atom as written, a list's items joined by spaces. */
export function tokenText(token: Token | undefined): string {
  if (!token) return '';
  return token.kind === 'list' ? token.items.map(tokenText).join(' ') : token.value;
}

/** A whole response (data lines then OK/NO/BYE) from `start`, or null when it is not complete yet. */
export function parseResponse(buf: Buffer, start = 0): Parsed<Response> {
  const lines: Token[][] = [];
  let i = start;
  for (;;) {
    const line = parseLine(buf, i);
    if (!line) return null;
    i = line.end;
    const status = statusOf(line.value);
    if (!status) {
      lines.push(line.value);
      continue;
    }
    const [, second, third] = line.value;
    const hasCode = second?.kind === 'list';
    const code = hasCode ? tokenText(second.items[0]).toUpperCase() : null;
    return { value: { status, code, text: tokenText(hasCode ? third : second), lines }, end: i };
  }
}

/**
 * A string argument: quoted when short and plain ASCII (RFC 5804 caps quoted strings at 1024 octets
 * and forbids CR, LF and NUL in them; Cyrus timsieved 3.6 also refuses 8-bit bytes there, though the
 * RFC allows UTF-8), otherwise a non-synchronising literal `{n+}` (the only kind timsieved reads).
 */
export function encodeString(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length <= 1024 && /^[\x01-\x09\x0b\x0c\x0e-\x7f]*$/.test(value)) return Buffer.from(`"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`, 'utf8');
  return Buffer.concat([Buffer.from(`{${bytes.length}+}\r\n`, 'latin1'), bytes]);
}
