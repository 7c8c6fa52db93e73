import { describe, expect, it } from 'vitest';
import { keySearch, storableCursor } from './search';

describe('keySearch', () => {
  it.each([
    ['', { kind: 'all' }],
    ['   ', { kind: 'all' }],
    ['Ali', { kind: 'prefix', pattern: 'ali%' }],
    ['  ALICE@List ', { kind: 'prefix', pattern: 'alice@list%' }],
    ['100%_off', { kind: 'prefix', pattern: '100!%!_off%' }],
    ['a!b', { kind: 'prefix', pattern: 'a!!b%' }],
    ["' OR 1=1 --", { kind: 'prefix', pattern: "' or 1=1 --%" }],
    ['a\\b', { kind: 'prefix', pattern: 'a\\b%' }],
    ['info@bücher.example', { kind: 'prefix', pattern: 'info@xn--bcher-kva.example%' }],
    ['info@BÜCHER', { kind: 'prefix', pattern: 'info@xn--bcher-kva%' }],
    ['müller', { kind: 'prefix', pattern: 'müller%' }],
    ['😀', { kind: 'none' }],
    ['δοκιμή', { kind: 'none' }],
  ])('%j -> %j', (q, expected) => {
    expect(keySearch(q)).toEqual(expected);
  });
});

describe('storableCursor', () => {
  it.each([
    [{ kind: 'first' }, { kind: 'first' }],
    [{ kind: 'last' }, { kind: 'last' }],
    [{ kind: 'after', key: "o'brien@x.example" }, { kind: 'after', key: "o'brien@x.example" }],
    [{ kind: 'before', key: 'é@x.example' }, { kind: 'before', key: 'é@x.example' }],
    [{ kind: 'after', key: '😀' }, { kind: 'first' }],
    [{ kind: 'before', key: 'δ@x.example' }, { kind: 'first' }],
  ] as const)('%j -> %j', (cursor, expected) => {
    expect(storableCursor(cursor)).toEqual(expected);
  });
});
