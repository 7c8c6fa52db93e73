// PostfixAdmin's `log` table is latin1 (MariaDB's latin1 is Windows-1252): in strict SQL mode a
// character outside it (emoji, CJK, ...) fails the INSERT and with it the whole change being logged.

const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the latin1 log columns can store: other characters become `\u{…}` escapes. */
export function toLatin1Text(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    out += code <= 0xff || CP1252_EXTRAS.has(ch) ? ch : `\\u{${code.toString(16)}}`;
  }
  return out;
}
