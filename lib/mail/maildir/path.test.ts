import { describe, expect, it } from 'vitest';
import { archiveName, parseMaildir } from './path';

describe('[maildir] paths from mailbox.maildir', () => {
  it.each([
    ['example.org/alice/', ['example.org', 'alice']],
    ['example.org/alice', ['example.org', 'alice']],
    ['example.org/a.b+c/', ['example.org', 'a.b+c']],
    ['xn--bcher-kva.example/jörg/', ['xn--bcher-kva.example', 'jörg']],
    ['example.org/a/.b/', ['example.org', 'a', '.b']], // a local part `a/.b` is a valid dot-atom: nested, not escaping
    ['example.org/...x/', ['example.org', '...x']],
    ['single/', ['single']],
  ])('%j is accepted as %j', (maildir, components) => {
    expect(parseMaildir(maildir)).toEqual({ ok: true, components });
  });

  it.each([
    ['../../etc/', "leaves the mail base ('..' is not allowed)"],
    ['example.org/../../etc/', "leaves the mail base ('..' is not allowed)"],
    ['example.org/alice/..', "leaves the mail base ('..' is not allowed)"],
    ['..', "leaves the mail base ('..' is not allowed)"],
    ['/etc/', 'is an absolute path'],
    ['/', 'is an absolute path'],
    ['//x', 'is an absolute path'],
    ['', 'the maildir is empty'],
    ['example.org//alice/', 'has an empty path component'],
    ['example.org/alice//', 'has an empty path component'],
    ['./alice/', "has a '.' component"],
    ['example.org/./alice/', "has a '.' component"],
    ['example.org/al\u0000ice/', 'contains a NUL byte'],
    ['example.org/al\nice/', 'contains control characters'],
    [`example.org/${'a'.repeat(256)}/`, 'longer than 255 bytes'],
    [`example.org/${'é'.repeat(128)}/`, 'longer than 255 bytes'],
  ])('%j is refused: %s', (maildir, reason) => {
    const r = parseMaildir(maildir);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(reason);
  });

  it('names an archived Maildir after its last component and the UTC time of deletion', () => {
    expect(archiveName('alice', new Date('2026-11-23T10:15:07.123Z'))).toBe('alice-20261123T101507Z');
  });
});
