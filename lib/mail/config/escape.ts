// Writing admin-typed values into foreign syntaxes. Options are validated first (options.ts); these
// functions still refuse what their target cannot hold, so no caller can produce a broken file.

const CONTROL = /[\u0000-\u001f\u007f]/;

function refuseControl(value: string, what: string): void {
  if (CONTROL.test(value)) throw new Error(`${what} must not contain newlines or control characters`);
}

/**
 * A Postfix configuration value (main.cf, mysql_table .cf). Postfix has no quoting: a value ends at the
 * newline and loses surrounding blanks; `#` starts a comment only at the start of a line.
 */
export function postfixValue(value: string): string {
  refuseControl(value, 'A Postfix setting');
  if (value.trim() !== value) throw new Error('A Postfix setting cannot start or end with a space');
  return value;
}

/**
 * A double-quoted Dovecot setting value: Dovecot strips the quotes and one backslash before any
 * character, so `"` and `\` are backslash-escaped; inside quotes `#` is not a comment and `$ENV:` is not expanded.
 */
export function dovecotQuoted(value: string): string {
  refuseControl(value, 'A Dovecot setting');
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * A MySQL/MariaDB string literal. The generated SQL first turns NO_BACKSLASH_ESCAPES off, so a
 * backslash is written `\\` and a quote `''` whatever the server's sql_mode.
 */
export function sqlString(value: string): string {
  refuseControl(value, 'An SQL string');
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A MySQL/MariaDB quoted identifier (database or table name). */
export function sqlIdentifier(value: string): string {
  refuseControl(value, 'An SQL identifier');
  return `\`${value.replace(/`/g, '``')}\``;
}
