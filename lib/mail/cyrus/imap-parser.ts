// Reading IMAP server responses (RFC 3501 §7, §9): complete responses are cut from the byte stream
// (a line ending in `{n}` continues after n bytes of literal), then parsed into values: atoms and
// strings (quoted or literal) as text, NIL as null, parenthesized lists as arrays.

export type ImapValue = string | null | ImapValue[];

export type ImapResponse =
  | { type: 'continuation'; text: string }
  | { type: 'status'; tag: string; status: 'OK' | 'NO' | 'BAD' | 'BYE' | 'PREAUTH'; code: string | null; text: string }
  | { type: 'data'; values: ImapValue[] };

export class ImapProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImapProtocolError';
  }
}

interface RawResponse {
  /** the response's text lines, each followed by its literal (none after the last) */
  texts: string[];
  literals: Buffer[];
}

const MAX_LITERAL = 64 * 1024 * 1024;

/** Cuts one complete response from the front of `buf`; null while more bytes are needed. */
export function takeResponse(buf: Buffer): { raw: RawResponse; rest: Buffer } | null {
  const texts: string[] = [];
  const literals: Buffer[] = [];
  let pos = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos);
    if (eol < 0) return null;
    const line = buf.subarray(pos, eol).toString('utf8');
    const lit = /\{(\d+)\+?\}$/.exec(line);
    if (!lit) {
      texts.push(line);
      return { raw: { texts, literals }, rest: buf.subarray(eol + 2) };
    }
    const size = Number(lit[1]);
    if (size > MAX_LITERAL) throw new ImapProtocolError(`literal of ${size} bytes is too large`);
    if (buf.length < eol + 2 + size) return null;
    texts.push(line.slice(0, lit.index));
    literals.push(buf.subarray(eol + 2, eol + 2 + size));
    pos = eol + 2 + size;
  }
}

class Lexer {
  private part = 0;
  private i = 0;

  constructor(private readonly raw: RawResponse) {}

  private get text(): string {
    return this.raw.texts[this.part] ?? '';
  }

  /** At the end of the current text: the literal that follows it, if any, is the next value. */
  private atLiteral(): boolean {
    return this.i >= this.text.length && this.part < this.raw.literals.length;
  }

  skipSpaces(): void {
    while (this.text[this.i] === ' ') this.i++;
  }

  done(): boolean {
    this.skipSpaces();
    return this.i >= this.text.length && this.part >= this.raw.literals.length;
  }

  /** The rest of the current line as text (resp-text is not tokenized). */
  restOfLine(): string {
    const rest = this.text.slice(this.i);
    this.i = this.text.length;
    return rest;
  }

  value(): ImapValue {
    this.skipSpaces();
    if (this.atLiteral()) {
      const literal = this.raw.literals[this.part] ?? Buffer.alloc(0);
      this.part++;
      this.i = 0;
      return literal.toString('utf8');
    }
    const c = this.text[this.i];
    if (c === undefined) throw new ImapProtocolError('unexpected end of response');
    if (c === '(') {
      this.i++;
      const items: ImapValue[] = [];
      for (;;) {
        this.skipSpaces();
        if (this.text[this.i] === ')') {
          this.i++;
          return items;
        }
        if (this.i >= this.text.length && !this.atLiteral()) throw new ImapProtocolError('unterminated list');
        items.push(this.value());
      }
    }
    if (c === '"') return this.quoted();
    return this.atom();
  }

  private quoted(): string {
    let out = '';
    this.i++;
    for (;;) {
      const c = this.text[this.i++];
      if (c === undefined) throw new ImapProtocolError('unterminated quoted string');
      if (c === '"') return out;
      if (c === '\\') {
        const next = this.text[this.i++];
        if (next === undefined) throw new ImapProtocolError('unterminated quoted string');
        out += next;
      } else {
        out += c;
      }
    }
  }

  /** An atom; brackets may hold spaces and parentheses (`BODY[HEADER.FIELDS (SUBJECT)]`). */
  private atom(): ImapValue {
    const start = this.i;
    let depth = 0;
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === '[') depth++;
      else if (c === ']') depth = Math.max(0, depth - 1);
      else if (depth === 0 && (c === ' ' || c === '(' || c === ')')) break;
      this.i++;
    }
    const word = this.text.slice(start, this.i);
    if (word === '') throw new ImapProtocolError(`unexpected character ${JSON.stringify(this.text[this.i])}`);
    return word.toUpperCase() === 'NIL' ? null : word;
  }
}

const STATUSES = new Set(['OK', 'NO', 'BAD', 'BYE', 'PREAUTH']);

function statusText(text: string): { code: string | null; text: string } {
  const m = /^\[([^\]]*)\]\s?(.*)$/s.exec(text);
  return m ? { code: m[1] ?? '', text: m[2] ?? '' } : { code: null, text };
}

/** Parses one complete response. */
export function parseResponse(raw: RawResponse): ImapResponse {
  const first = raw.texts[0] ?? '';
  if (first.startsWith('+')) return { type: 'continuation', text: first.slice(1).trim() };
  const m = /^(\*|[A-Za-z0-9]+) ([A-Za-z]+)(?: (.*))?$/s.exec(first);
  if (m && STATUSES.has((m[2] ?? '').toUpperCase()) && raw.literals.length === 0) {
    const { code, text } = statusText(m[3] ?? '');
    return { type: 'status', tag: m[1] ?? '*', status: (m[2] ?? '').toUpperCase() as 'OK', code, text };
  }
  if (!first.startsWith('* ')) throw new ImapProtocolError(`unexpected server line: ${first.slice(0, 80)}`);
  const lexer = new Lexer({ texts: [first.slice(2), ...raw.texts.slice(1)], literals: raw.literals });
  const values: ImapValue[] = [];
  while (!lexer.done()) {
    // the text after CAPABILITY or a numeric response may hold anything: keep it whole when it cannot be tokenized
    try {
      values.push(lexer.value());
    } catch (err) {
      if (err instanceof ImapProtocolError) {
        values.push(lexer.restOfLine());
        break;
      }
      throw err;
    }
  }
  return { type: 'data', values };
}

/** The text of a value (a string, or '' for NIL and lists). */
export function text(value: ImapValue | undefined): string {
  return typeof value === 'string' ? value : '';
}
