import { describe, expect, it } from 'vitest';
import { parseResponse, takeResponse } from './imap-parser';

function parseAll(wire: string) {
  let buf: Buffer = Buffer.from(wire, 'utf8');
  const out = [];
  for (let cut = takeResponse(buf); cut; cut = takeResponse(buf)) {
    buf = cut.rest;
    out.push(parseResponse(cut.raw));
  }
  return { responses: out, rest: buf.toString('utf8') };
}

describe('IMAP response parsing', () => {
  it('reads status responses with and without a response code', () => {
    expect(parseAll('* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\na1 NO Mailbox does not exist\r\n').responses).toEqual([
      { type: 'status', tag: '*', status: 'OK', code: 'CAPABILITY IMAP4rev1 LITERAL+', text: 'ready' },
      { type: 'status', tag: 'a1', status: 'NO', code: null, text: 'Mailbox does not exist' },
    ]);
  });

  it('reads LIST with quoted and atom names, NIL delimiters and flags', () => {
    const { responses } = parseAll('* LIST (\\HasNoChildren) "/" user/bob@example.org\r\n* LIST () NIL "user/bob/Junk Mail@example.org"\r\n');
    expect(responses).toEqual([
      { type: 'data', values: ['LIST', ['\\HasNoChildren'], '/', 'user/bob@example.org'] },
      { type: 'data', values: ['LIST', [], null, 'user/bob/Junk Mail@example.org'] },
    ]);
  });

  it('reads a mailbox name sent as a literal, and escaped quotes', () => {
    const { responses } = parseAll('* LIST () "/" {12}\r\nuser/a"b@x.y\r\n* LIST () "/" "a\\"b\\\\c"\r\n');
    expect(responses).toEqual([
      { type: 'data', values: ['LIST', [], '/', 'user/a"b@x.y'] },
      { type: 'data', values: ['LIST', [], '/', 'a"b\\c'] },
    ]);
  });

  it('reads QUOTA resource lists and NAMESPACE nesting', () => {
    const { responses } = parseAll('* QUOTA user/bob@x.y (STORAGE 12 1024)\r\n* NAMESPACE (("" "/")) (("Other Users/" "/")) NIL\r\n');
    expect(responses).toEqual([
      { type: 'data', values: ['QUOTA', 'user/bob@x.y', ['STORAGE', '12', '1024']] },
      { type: 'data', values: ['NAMESPACE', [['', '/']], [['Other Users/', '/']], null] },
    ]);
  });

  it('keeps bracketed atoms whole and reads a FETCH literal holding CRLF', () => {
    const { responses } = parseAll('* 1 FETCH (BODY[HEADER.FIELDS (SUBJECT)] {15}\r\nSubject: hi\r\n\r\n)\r\n');
    expect(responses).toEqual([{ type: 'data', values: ['1', 'FETCH', ['BODY[HEADER.FIELDS (SUBJECT)]', 'Subject: hi\r\n\r\n']] }]);
  });

  it('waits for the rest of a response split across reads', () => {
    expect(parseAll('* LIST () "/" {10}\r\nuser/').responses).toEqual([]);
    expect(parseAll('a1 OK done').responses).toEqual([]);
    expect(parseAll('a1 OK done\r\n* 3 EX').rest).toBe('* 3 EX');
  });

  it('reads continuations', () => {
    expect(parseAll('+ go ahead\r\n').responses).toEqual([{ type: 'continuation', text: 'go ahead' }]);
  });

  it('refuses an absurd literal size instead of buffering it', () => {
    expect(() => takeResponse(Buffer.from('* LIST () "/" {99999999999}\r\n'))).toThrow(/too large/);
  });
});
