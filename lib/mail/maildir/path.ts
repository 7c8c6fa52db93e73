// mailbox.maildir as the file system sees it: a relative path under the mail base (PostfixAdmin writes
// `example.org/alice/`). It comes from a database row, which anyone with SQL access can write, so
// it is checked here before any file system call: nothing it names may leave the base.

const MAX_COMPONENT_BYTES = 255; // NAME_MAX on Linux file systems

export type MaildirPath = { ok: true; components: string[] } | { ok: false; reason: string };

/**
 * Splits a maildir into its path components, or says why it is refused: empty, absolute, `.` or
 * `..` components, empty components (`a//b`), NUL or other control characters, over-long names.
 * One trailing `/` (Maildir convention) is allowed.
 */
export function parseMaildir(maildir: string): MaildirPath {
  const shown = JSON.stringify(maildir);
  if (maildir.includes('\u0000')) return { ok: false, reason: `the maildir ${shown} contains a NUL byte` };
  if (/[\u0001-\u001f\u007f]/.test(maildir)) return { ok: false, reason: `the maildir ${shown} contains control characters` };
  if (maildir.startsWith('/')) return { ok: false, reason: `the maildir ${shown} is an absolute path; it must be relative to the mail base` };
  const trimmed = maildir.endsWith('/') ? maildir.slice(0, -1) : maildir;
  if (trimmed === '') return { ok: false, reason: 'the maildir is empty' };
  const components = trimmed.split('/');
  for (const c of components) {
    if (c === '') return { ok: false, reason: `the maildir ${shown} has an empty path component` };
    if (c === '..') return { ok: false, reason: `the maildir ${shown} leaves the mail base ('..' is not allowed)` };
    if (c === '.') return { ok: false, reason: `the maildir ${shown} has a '.' component` };
    if (Buffer.byteLength(c) > MAX_COMPONENT_BYTES) return { ok: false, reason: `the maildir ${shown} has a name longer than ${MAX_COMPONENT_BYTES} bytes` };
  }
  return { ok: true, components };
}

/** A directory's name in the archive: the Maildir's last component and the time it was deleted (UTC). */
export function archiveName(lastComponent: string, deletedAt: Date): string {
  const stamp = deletedAt.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `${lastComponent}-${stamp}`;
}
