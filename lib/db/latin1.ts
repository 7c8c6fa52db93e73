// MariaDB's latin1 is Windows-1252 (bytes 0x80-0x9F are € ‚ ƒ ... Ÿ), except that its five unassigned
// bytes stand for the C1 controls of the same number. PostfixAdmin's key columns use it.
const CP1252_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u0081\u008d\u008f\u0090\u009d';

/**
 * Whether MariaDB can store `text` in a latin1 column. A parameter that cannot be converted makes a
 * comparison with such a column fail ("Illegal mix of collations"); no stored value can equal or
 * start with it anyway.
 */
export function isLatin1Text(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code > 0xff || (code >= 0x80 && code < 0xa0)) {
      if (!CP1252_EXTRA.includes(ch)) return false;
    }
  }
  return true;
}
