import { describe, expect, it } from 'vitest';
import { decodeRouteParam, mailboxPath, maildirFor, splitAddress } from './address';

describe('splitAddress', () => {
  it.each([
    ['alice@example.org', { address: 'alice@example.org', localPart: 'alice', domain: 'example.org' }],
    [' Alice@Example.ORG ', { address: 'alice@example.org', localPart: 'alice', domain: 'example.org' }],
    ['"a@b"@example.org', { address: '"a@b"@example.org', localPart: '"a@b"', domain: 'example.org' }],
    ['alice', null],
    ['@example.org', null],
    ['alice@', null],
    [`${'x'.repeat(250)}@example.org`, null],
  ])('%j', (input, result) => {
    expect(splitAddress(input)).toEqual(result);
  });
});

describe('decodeRouteParam', () => {
  it.each([
    ['alice%40example.org', 'alice@example.org'],
    ['alice@example.org', 'alice@example.org'],
    ['a%25b%40example.org', 'a%b@example.org'],
    ['a%b@example.org', 'a%b@example.org'], // already decoded, not valid percent-encoding
    ['%E0%A4%A', '%E0%A4%A'],
  ])('%j -> %j', (param, text) => {
    expect(decodeRouteParam(param)).toBe(text);
  });
});

describe('maildirFor / mailboxPath', () => {
  it('gives PostfixAdmin\'s maildir layout: domain/local_part/', () => {
    expect(maildirFor('alice', 'example.org')).toBe('example.org/alice/');
  });

  it('encodes the address in the URL', () => {
    expect(mailboxPath('alice+tag@example.org')).toBe('/domains/example.org/mailboxes/alice%2Btag%40example.org');
    expect(mailboxPath('alice@example.org', 'delete')).toBe('/domains/example.org/mailboxes/alice%40example.org/delete');
  });
});
