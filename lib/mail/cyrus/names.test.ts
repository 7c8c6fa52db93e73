import { describe, expect, it } from 'vitest';
import { encodeModifiedUtf7, ownerOfUserMailbox, parseFolderList, userFolderName, userMailboxName } from './names';

describe('Cyrus mailbox names', () => {
  it.each([
    ['bob@example.org', 'user/bob@example.org'],
    ['first.last+tag@mail.example.org', 'user/first.last+tag@mail.example.org'],
    ['o\'neil@xn--bcher-kva.example', "user/o'neil@xn--bcher-kva.example"],
  ])('names %s as %s', (username, expected) => {
    expect(userMailboxName(username)).toBe(expected);
  });

  it.each([
    ['a/b@example.org', 'a slash would make a folder of user a'],
    ['a%b@example.org', 'LIST wildcard'],
    ['*@example.org', 'LIST wildcard'],
    ['a..b@example.org', 'empty dot-atom part'],
    ['.a@example.org', 'leading dot'],
    ['a^b@example.org', "Cyrus's internal stand-in for '.'"],
    ['a&b@example.org', 'modified UTF-7 escape'],
    ['a"b@example.org', 'quote'],
    ['a\\b@example.org', 'backslash'],
    ['a b@example.org', 'space'],
    ['a\r\nb@example.org', 'CRLF'],
    ['a\0b@example.org', 'NUL'],
    ['bob', 'no domain'],
    ['bob@', 'empty domain'],
    ['bob@localhost', 'single-label domain'],
    ['bob@a@example.org', 'two @'],
    ['bob@Example.org', 'domain not lowercase'],
    ['bob@exa_mple.org', 'underscore in domain'],
    ['bob@example.org/x', 'slash in domain'],
    ['bob@bücher.example', 'domain not in punycode'],
    [`${'a'.repeat(65)}@example.org`, 'local part over 64'],
  ])('refuses %j (%s)', (username) => {
    expect(() => userMailboxName(username)).toThrow(/Not usable as a Cyrus mailbox name/);
  });

  it('names folders, encoding non-ASCII in modified UTF-7', () => {
    expect(userFolderName('bob@example.org', 'Sent')).toBe('user/bob/Sent@example.org');
    expect(userFolderName('bob@example.org', 'Junk Mail')).toBe('user/bob/Junk Mail@example.org');
    expect(userFolderName('bob@example.org', 'Entwürfe')).toBe('user/bob/Entw&APw-rfe@example.org');
    expect(userFolderName('bob@example.org', 'Éléments envoyés')).toBe('user/bob/&AMk-l&AOk-ments envoy&AOk-s@example.org');
  });

  it.each(['', ' Sent', 'Sent ', 'a/b', 'a.b', '*', '%', 'a"b', 'a\\b', 'a&b', 'a\nb', '..', 'x'.repeat(65)])('refuses the folder %j', (folder) => {
    expect(() => userFolderName('bob@example.org', folder)).toThrow(/folder/);
  });

  it('encodes modified UTF-7 as RFC 3501 shows', () => {
    expect(encodeModifiedUtf7('~peter/mail/台北/日本語')).toBe('~peter/mail/&U,BTFw-/&ZeVnLIqe-');
    expect(encodeModifiedUtf7('a&b')).toBe('a&-b');
  });

  it('finds the owner of top-level user mailboxes only', () => {
    expect(ownerOfUserMailbox('user/bob@example.org')).toBe('bob@example.org');
    expect(ownerOfUserMailbox('user/bob')).toBe('bob');
    expect(ownerOfUserMailbox('user/bob/Sent@example.org')).toBeNull();
    expect(ownerOfUserMailbox('shared/news')).toBeNull();
  });

  it("reads web-cyradm's folders column", () => {
    expect(parseFolderList('Sent, Drafts,Trash , Junk,, sent, INBOX, Sent')).toEqual({ folders: ['Sent', 'Drafts', 'Trash', 'Junk', 'sent'], invalid: [] });
    expect(parseFolderList('Sent, a/b, *')).toEqual({ folders: ['Sent'], invalid: ['a/b', '*'] });
    expect(parseFolderList('')).toEqual({ folders: [], invalid: [] });
  });
});
