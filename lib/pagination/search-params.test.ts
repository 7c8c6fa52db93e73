import { describe, expect, it } from 'vitest';
import { cursorOf, flagParam, listHref, listQuerySchema, optionalParam } from './search-params';

const parse = (sp: Record<string, string | string[] | undefined>) => {
  const query = listQuerySchema.parse(sp);
  return { q: query.q, cursor: cursorOf(query) };
};

describe('listQuerySchema and cursorOf', () => {
  it.each([
    [{}, '', { kind: 'first' }],
    [{ q: 'ali' }, 'ali', { kind: 'first' }],
    [{ after: 'bob@x.example' }, '', { kind: 'after', key: 'bob@x.example' }],
    [{ before: 'bob@x.example', q: 'b' }, 'b', { kind: 'before', key: 'bob@x.example' }],
    [{ last: '1' }, '', { kind: 'last' }],
    [{ last: 'yes' }, '', { kind: 'first' }],
    [{ after: 'a@x', before: 'b@x', last: '1' }, '', { kind: 'after', key: 'a@x' }],
    [{ before: 'b@x', last: '1' }, '', { kind: 'before', key: 'b@x' }],
    [{ after: ['a@x', 'b@x'], q: ['one', 'two'] }, 'one', { kind: 'after', key: 'a@x' }],
    [{ after: '' }, '', { kind: 'first' }],
    [{ after: "x' OR '1'='1" }, '', { kind: 'after', key: "x' OR '1'='1" }],
    [{ before: '%_\\' }, '', { kind: 'before', key: '%_\\' }],
    [{ after: 'é@bücher.example' }, '', { kind: 'after', key: 'é@bücher.example' }],
    [{ after: 'x'.repeat(320) }, '', { kind: 'after', key: 'x'.repeat(320) }],
    [{ after: 'x'.repeat(321) }, '', { kind: 'first' }],
    [{ after: '😀@x.example' }, '', { kind: 'first' }],
    [{ before: '😀', last: '1' }, '', { kind: 'last' }],
  ])('%j -> q %j, %j', (sp, q, cursor) => {
    expect(parse(sp)).toEqual({ q, cursor });
  });

  it('keeps the first 320 characters of a very long search', () => {
    expect(parse({ q: 'y'.repeat(1000) }).q).toBe('y'.repeat(320));
  });

  it('drops the fields it does not know', () => {
    expect(listQuerySchema.parse({ page: '4', q: 'a' })).toEqual({ q: 'a' });
  });

  it('is extended by pages with their notices: a text and a flag, each dropped when malformed', () => {
    const schema = listQuerySchema.extend({ created: optionalParam, deleted: flagParam });
    expect(schema.parse({ created: ['a@x.example', 'b'], deleted: '1' })).toMatchObject({ created: 'a@x.example', deleted: '1' });
    expect(schema.parse({ created: 'y'.repeat(321), deleted: 'true' })).toMatchObject({ created: undefined, deleted: undefined });
  });
});

describe('listHref', () => {
  it.each([
    [{ kind: 'first' }, '', '/l'],
    [{ kind: 'first' }, 'al i', '/l?q=al+i'],
    [{ kind: 'last' }, '', '/l?last=1'],
    [{ kind: 'after', key: 'a@x.example' }, 'a', '/l?q=a&after=a%40x.example'],
    [{ kind: 'before', key: "o'b&c=d#e%f" }, '', '/l?before=o%27b%26c%3Dd%23e%25f'],
  ] as const)('%j with q %j -> %s', (cursor, q, href) => {
    expect(listHref('/l', q, cursor)).toBe(href);
  });

  it('round-trips every key through the URL', () => {
    for (const key of ["o'brien@x", '100%_off@x', '@x.example', 'a+b@x', 'é@x', ' a b ']) {
      const url = new URL(listHref('/l', 'q&x', { kind: 'after', key }), 'http://h');
      expect(parse(Object.fromEntries(url.searchParams))).toEqual({ q: 'q&x', cursor: { kind: 'after', key } });
    }
  });
});
