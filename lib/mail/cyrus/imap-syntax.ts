// Building IMAP commands (RFC 3501 §4, §9) so no argument can change a command's shape: every value
// is either a checked atom or a string sent quoted (only `"` and `\` escaped) or as a literal
// (anything with CR, LF, other control characters or 8-bit bytes). NUL cannot be sent at all.

export type ImapArg = { atom: string } | { string: string } | { list: ImapArg[] };

export class ImapSyntaxError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'ImapSyntaxError';
  }
}

// atom-specials: ( ) { SP CTL % * " \ ] (and 8-bit); '\' is allowed only as a flag's first character
const ATOM = /^\\?[!#$&'+,\-./0-9:;<=>?@A-Z[^_`a-z|}~]+$/;

/** An atom (command name, flag, resource name); refused unless it is one. */
export function atom(value: string): ImapArg {
  if (!ATOM.test(value)) throw new ImapSyntaxError(`not an IMAP atom: ${JSON.stringify(value)}`);
  return { atom: value };
}

/** A string argument (mailbox name, user name, password): quoted or a literal, never an atom. */
export function str(value: string): ImapArg {
  if (value.includes('\0')) throw new ImapSyntaxError('IMAP strings cannot contain NUL');
  return { string: value };
}

export function list(items: ImapArg[]): ImapArg {
  return { list: items };
}

/** Whether a string can travel as a quoted string: 7-bit printable text (plus tab), no CR or LF. */
export function isQuotable(value: string): boolean {
  return /^[\x20-\x7e\t]*$/.test(value);
}

export function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * A command as wire chunks: each chunk but the last ends with a literal announcement `{n}` (or
 * `{n+}` with LITERAL+) and carries the literal's bytes, which the client sends after the server's
 * continuation (or at once with LITERAL+).
 */
export interface WireChunk {
  text: string;
  literal?: Buffer;
}

export function encodeCommand(tag: string, args: ImapArg[], literalPlus: boolean): WireChunk[] {
  if (!/^[A-Za-z0-9]+$/.test(tag)) throw new ImapSyntaxError('bad tag');
  const chunks: WireChunk[] = [];
  let text = tag;
  const emit = (arg: ImapArg): void => {
    if ('atom' in arg) {
      text += arg.atom;
    } else if ('list' in arg) {
      text += '(';
      arg.list.forEach((item, i) => {
        if (i > 0) text += ' ';
        emit(item);
      });
      text += ')';
    } else if (isQuotable(arg.string)) {
      text += quote(arg.string);
    } else {
      if (arg.string.includes('\0')) throw new ImapSyntaxError('IMAP strings cannot contain NUL');
      const bytes = Buffer.from(arg.string, 'utf8');
      chunks.push({ text: `${text}{${bytes.length}${literalPlus ? '+' : ''}}\r\n`, literal: bytes });
      text = '';
    }
  };
  for (const arg of args) {
    text += ' ';
    emit(arg);
  }
  chunks.push({ text: `${text}\r\n` });
  return chunks;
}

/** The command as one Buffer (LITERAL+ form), e.g. for tests and for servers that announce LITERAL+. */
export function commandBytes(tag: string, args: ImapArg[]): Buffer {
  return Buffer.concat(encodeCommand(tag, args, true).flatMap((c) => [Buffer.from(c.text, 'utf8'), ...(c.literal ? [c.literal] : [])]));
}
