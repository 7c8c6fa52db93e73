import { describe, expect, it } from 'vitest';
import { atom, commandBytes, encodeCommand, list, str } from './imap-syntax';

const wire = (...args: Parameters<typeof commandBytes>[1]) => commandBytes('a1', args).toString('utf8');

describe('IMAP command encoding', () => {
  it.each([
    ['plain name', 'user/bob@example.org', 'a1 CREATE "user/bob@example.org"\r\n'],
    ['empty string', '', 'a1 CREATE ""\r\n'],
    ['quote', 'a"b', 'a1 CREATE "a\\"b"\r\n'],
    ['backslash', 'a\\b', 'a1 CREATE "a\\\\b"\r\n'],
    ['quote then fake end of string and command', 'x" DELETE "user/victim', 'a1 CREATE "x\\" DELETE \\"user/victim"\r\n'],
    ['wildcards stay data', 'user/*%', 'a1 CREATE "user/*%"\r\n'],
    ['parentheses and braces', '(x) {5}', 'a1 CREATE "(x) {5}"\r\n'],
  ])('quotes a string: %s', (_why, value, expected) => {
    expect(wire(atom('CREATE'), str(value))).toBe(expected);
  });

  it.each([
    ['CRLF and an injected command', 'x\r\na2 DELETE user/victim', 'a1 CREATE {24+}\r\nx\r\na2 DELETE user/victim\r\n'],
    ['bare LF', 'a\nb', 'a1 CREATE {3+}\r\na\nb\r\n'],
    ['8-bit text counted in bytes', 'Entwürfe', 'a1 CREATE {9+}\r\nEntwürfe\r\n'],
    ['other control character', 'a\x07b', 'a1 CREATE {3+}\r\na\x07b\r\n'],
  ])('sends a literal: %s', (_why, value, expected) => {
    expect(wire(atom('CREATE'), str(value))).toBe(expected);
  });

  it('announces synchronizing literals when the server lacks LITERAL+', () => {
    const chunks = encodeCommand('a7', [atom('LOGIN'), str('bob'), str('pa\r\nss')], false);
    expect(chunks).toEqual([{ text: 'a7 LOGIN "bob" {6}\r\n', literal: Buffer.from('pa\r\nss') }, { text: '\r\n' }]);
  });

  it('refuses NUL, which no IMAP string can carry', () => {
    expect(() => str('a\0b')).toThrow(/NUL/);
  });

  it.each(['', 'a b', 'a"b', 'a(b', 'a{b', 'a%b', 'a*b', 'a]b', 'a\r\n', 'ü'])('refuses %j as an atom', (value) => {
    expect(() => atom(value)).toThrow(/atom/);
  });

  it('writes lists (SETQUOTA resources)', () => {
    expect(wire(atom('SETQUOTA'), str('user/bob@example.org'), list([atom('STORAGE'), atom('1024')]))).toBe('a1 SETQUOTA "user/bob@example.org" (STORAGE 1024)\r\n');
    expect(wire(atom('SETQUOTA'), str('user/bob@example.org'), list([]))).toBe('a1 SETQUOTA "user/bob@example.org" ()\r\n');
  });

  it('refuses a tag that is not alphanumeric', () => {
    expect(() => encodeCommand('a 1', [atom('NOOP')], true)).toThrow(/tag/);
  });
});
