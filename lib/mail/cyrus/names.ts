// Cyrus mailbox names for Mailroom's mailboxes, as the admin sees them with `virtdomains: userid` and
// `unixhierarchysep: yes`: a user's INBOX is `user/<local>@<domain>`, a folder `user/<local>/<folder>@<domain>`.
// Everything that reaches Cyrus is validated here first: '/' would make a sub-mailbox, '%' and '*'
// are LIST wildcards, '^' is Cyrus's internal stand-in for '.', '&' starts modified UTF-7, and quotes,
// backslashes, spaces and control characters have no place in a user name.

/** Local parts Cyrus can hold as a user name: RFC 5321 atom characters minus the ones above. */
const LOCAL_PART = /^[A-Za-z0-9!#$'+=?_`{|}~-]+(\.[A-Za-z0-9!#$'+=?_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
const MAX_FOLDER_LENGTH = 64;

export type CyrusNameError = 'address' | 'localPart' | 'domain' | 'folder';

export class CyrusNameRefusedError extends Error {
  readonly retryable = false;
  constructor(
    readonly reason: CyrusNameError,
    readonly value: string,
  ) {
    super(`Not usable as a Cyrus mailbox name (${reason}): ${JSON.stringify(value)}`);
    this.name = 'CyrusNameRefusedError';
  }
}

export interface CyrusUser {
  localPart: string;
  domain: string;
}

/** Splits and checks `local@domain` (domain in punycode, lowercase); throws CyrusNameRefusedError. */
export function parseCyrusUser(username: string): CyrusUser {
  const at = username.lastIndexOf('@');
  if (at <= 0 || at !== username.indexOf('@')) throw new CyrusNameRefusedError('address', username);
  const localPart = username.slice(0, at);
  const domain = username.slice(at + 1);
  if (localPart.length > 64 || !LOCAL_PART.test(localPart)) throw new CyrusNameRefusedError('localPart', username);
  const labels = domain.split('.');
  if (domain.length > 253 || labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) throw new CyrusNameRefusedError('domain', username);
  return { localPart, domain };
}

/** Whether a folder name is one Mailroom creates: letters, digits, spaces, '_' and '-', no leading/trailing space. */
export function isValidFolderName(folder: string): boolean {
  return folder.length <= MAX_FOLDER_LENGTH && /^[\p{L}\p{N}](?:[\p{L}\p{N} _-]*[\p{L}\p{N}_-])?$/u.test(folder);
}

/** The admin's name for a user's INBOX: `user/bob@example.org`. */
export function userMailboxName(username: string): string {
  const { localPart, domain } = parseCyrusUser(username);
  return `user/${localPart}@${domain}`;
}

/** The admin's name for one of a user's folders: `user/bob/Sent@example.org` (modified UTF-7 encoded). */
export function userFolderName(username: string, folder: string): string {
  const { localPart, domain } = parseCyrusUser(username);
  if (!isValidFolderName(folder)) throw new CyrusNameRefusedError('folder', folder);
  return `user/${localPart}/${encodeModifiedUtf7(folder)}@${domain}`;
}

/**
 * The owner of a top-level user mailbox the admin's LIST returned (`user/bob@example.org` -> bob@example.org;
 * `user/bob` in the default domain -> bob), or null for folders and anything else.
 */
export function ownerOfUserMailbox(name: string): string | null {
  const m = /^user\/([^/@]+)(@[^/@]+)?$/.exec(name);
  return m ? `${m[1]}${m[2] ?? ''}` : null;
}

/** RFC 3501 modified UTF-7 for mailbox names: printable ASCII as is ('&' as '&-'), the rest base64 of UTF-16BE. */
export function encodeModifiedUtf7(text: string): string {
  let out = '';
  let pending = '';
  const flush = () => {
    if (!pending) return;
    const utf16 = Buffer.from(pending, 'utf16le').swap16();
    out += `&${utf16.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    pending = '';
  };
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) {
      flush();
      out += ch === '&' ? '&-' : ch;
    } else {
      pending += ch;
    }
  }
  flush();
  return out;
}

/** Folders from a comma-separated list (web-cyradm's domain.folders): trimmed, de-duplicated, INBOX left out. */
export function parseFolderList(text: string): { folders: string[]; invalid: string[] } {
  const names = text.split(',').map((f) => f.trim()).filter(Boolean);
  const folders: string[] = [];
  const invalid: string[] = [];
  for (const name of names) {
    if (name.toUpperCase() === 'INBOX') continue;
    if (!isValidFolderName(name)) invalid.push(name);
    else if (!folders.includes(name)) folders.push(name);
  }
  return { folders, invalid };
}
