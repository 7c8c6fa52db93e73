// Text typed by people, put into Sieve scripts (RFC 5228 §2.4.2) so that it stays text: a quoted string
// escapes `\` and `"`; a multi-line string (`text:` ... `.`) is taken literally except that a line
// starting with `.` is dot-stuffed. Nothing here enables `${...}` or encoded characters: the scripts
// never require "variables" or "encoded-character", so those stay literal too.

/** Thrown when a text cannot be put into a script as it is (the forms refuse such input first). */
export class SieveTextError extends Error {
  constructor(readonly reason: 'nul' | 'lineBreak' | 'encoding') {
    super(`text not allowed in a Sieve script: ${reason}`);
  }
}

function checkText(value: string): void {
  if (value.includes('\0')) throw new SieveTextError('nul');
  // a lone surrogate has no UTF-8 form: the script would not be what was typed
  if (!value.isWellFormed()) throw new SieveTextError('encoding');
}

/** A quoted string for one line of text (a subject, an address, a script name): CR and LF refused. */
export function sieveQuoted(value: string): string {
  checkText(value);
  if (/[\r\n]/.test(value)) throw new SieveTextError('lineBreak');
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** A string list `["a", "b"]` of one-line texts. */
export function sieveStringList(values: readonly string[]): string {
  return `[${values.map(sieveQuoted).join(', ')}]`;
}

/**
 * A multi-line string for free text (a message body): line breaks become CRLF, a line starting with
 * `.` gets a second one, and the text ends with the terminating `.` line. The caller follows it with
 * what comes next in the command (e.g. `;`).
 */
export function sieveMultiline(value: string): string {
  checkText(value);
  const lines = value.replace(/\r\n?/g, '\n').split('\n');
  return `text:\r\n${lines.map((l) => (l.startsWith('.') ? `.${l}` : l)).join('\r\n')}\r\n.\r\n`;
}
