import { describe, expect, it } from 'vitest';
import { encodeString, ManageSieveSyntaxError, parseLine, parseResponse, type Token } from './protocol';

const b = (s: string) => Buffer.from(s, 'utf8');
const str = (value: string): Token => ({ kind: 'string', value });
const atom = (value: string): Token => ({ kind: 'atom', value });

describe('ManageSieve responses', () => {
  it('the greeting: capability lines, then OK with its text', () => {
    const greeting = '"IMPLEMENTATION" "Dovecot Pigeonhole"\r\n"SIEVE" "fileinto vacation"\r\n"STARTTLS"\r\nOK "Dovecot ready."\r\n';
    expect(parseResponse(b(greeting))).toEqual({
      value: { status: 'OK', code: null, text: 'Dovecot ready.', lines: [[str('IMPLEMENTATION'), str('Dovecot Pigeonhole')], [str('SIEVE'), str('fileinto vacation')], [str('STARTTLS')]] },
      end: Buffer.byteLength(greeting),
    });
  });

  it.each([
    ['OK\r\n', { status: 'OK', code: null, text: '' }],
    ['ok "done"\r\n', { status: 'OK', code: null, text: 'done' }],
    ['NO (NONEXISTENT) "There is no script by that name"\r\n', { status: 'NO', code: 'NONEXISTENT', text: 'There is no script by that name' }],
    ['NO (QUOTA/MAXSIZE) "Too big"\r\n', { status: 'NO', code: 'QUOTA/MAXSIZE', text: 'Too big' }],
    ['OK (WARNINGS) "line 2: warning"\r\n', { status: 'OK', code: 'WARNINGS', text: 'line 2: warning' }],
    ['BYE (REFERRAL "sieve://other") "go away"\r\n', { status: 'BYE', code: 'REFERRAL', text: 'go away' }],
    ['NO {24}\r\nline 1: error\r\nline 2: x\r\n', { status: 'NO', code: null, text: 'line 1: error\r\nline 2: x' }],
    ['NO "quoted \\"text\\" with \\\\"\r\n', { status: 'NO', code: null, text: 'quoted "text" with \\' }],
  ])('status line %j', (input, expected) => {
    expect(parseResponse(b(input))?.value).toEqual({ ...expected, lines: [] });
  });

  it('LISTSCRIPTS: names as quoted strings or literals, ACTIVE marks the active one', () => {
    const reply = '"summer"\r\n{9}\r\nwinter "x\r\n"mailroom" ACTIVE\r\nOK\r\n';
    expect(parseResponse(b(reply))?.value.lines).toEqual([[str('summer')], [str('winter "x')], [str('mailroom'), atom('ACTIVE')]]);
  });

  it('a literal is counted in bytes (UTF-8), and may hold CRLF and a line with a lone dot', () => {
    const script = 'require "vacation";\r\n# Köln ✓\r\n.\r\n';
    const reply = Buffer.concat([b(`{${Buffer.byteLength(script)}}\r\n`), b(script), b('\r\nOK "Getscript completed."\r\n')]);
    expect(parseResponse(reply)?.value).toEqual({ status: 'OK', code: null, text: 'Getscript completed.', lines: [[str(script)]] });
  });

  it('an incomplete response (cut anywhere, even inside a UTF-8 character) is not parsed yet', () => {
    const full = b('"a" ACTIVE\r\n{6}\r\nKöln\r\n"x"\r\nOK (TAG "1") "done"\r\n');
    for (let cut = 0; cut < full.length; cut++) expect(parseResponse(full.subarray(0, cut)), `cut at ${cut}`).toBeNull();
    expect(parseResponse(full)?.end).toBe(full.length);
  });

  it('two responses in one buffer: the first ends where the second starts', () => {
    const buf = b('OK "one"\r\nNO "two"\r\n');
    const first = parseResponse(buf);
    expect(first?.value.text).toBe('one');
    expect(parseResponse(buf, first?.end)?.value).toMatchObject({ status: 'NO', text: 'two' });
  });

  it('parenthesised lists nest', () => {
    expect(parseLine(b('OK (SASL ("a" b)) "x"\r\n'))?.value).toEqual([atom('OK'), { kind: 'list', items: [atom('SASL'), { kind: 'list', items: [str('a'), atom('b')] }] }, str('x')]);
  });

  it('a malformed literal is an error, not a hang', () => {
    expect(() => parseResponse(b('{x}\r\nOK\r\n'))).toThrow(ManageSieveSyntaxError);
    expect(() => parseResponse(b('{3}xyzOK\r\n'))).toThrow(/malformed literal/);
  });

  it.each([
    ['a name with a quote, unescaped (Cyrus 3.6 LISTSCRIPTS)', '"a"b"\r\n"roundcube" ACTIVE\r\nOK\r\n', /line break/],
    ['a name with a backslash, unescaped (Cyrus 3.6 LISTSCRIPTS)', '"a\\b"\r\nOK\r\n', /invalid escape/],
    ['a quoted string across lines', 'NO "two\r\nlines"\r\n', /line break/],
  ])('%s is an error at once, never a guessed name', (_label, input, message) => {
    expect(() => parseResponse(b(input))).toThrow(message);
  });
});

describe('ManageSieve arguments', () => {
  it.each([
    ['mailroom', '"mailroom"'],
    ['with "quotes" and \\', '"with \\"quotes\\" and \\\\"'],
    ['Köln', '{5+}\r\nKöln'],
    ['tab\tand ~', '"tab\tand ~"'],
    ['two\r\nlines', '{10+}\r\ntwo\r\nlines'],
    ['nul\0', '{4+}\r\nnul\0'],
  ])('%j is sent as %j', (value, wire) => {
    expect(encodeString(value).toString('utf8')).toBe(wire);
  });

  it('a text longer than 1024 bytes goes as a literal counted in bytes', () => {
    const text = 'é'.repeat(600);
    expect(encodeString(text).toString('utf8')).toBe(`{1200+}\r\n${text}`);
  });
});
