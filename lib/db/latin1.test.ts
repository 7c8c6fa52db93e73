import { describe, expect, it } from 'vitest';
import { isLatin1Text } from './latin1';

describe('isLatin1Text', () => {
  it.each([
    ['', true],
    ['alice@example.com', true],
    ["o'brien@x.example", true],
    ['müller@bücher.example', true],
    ['ÿ', true],
    ['€uro', true],
    ['Ÿ', true],
    ['\u0081', true],
    ['\u009d', true],
    ['\u0000', true],
    ['\u0080', false],
    ['\u009f', false],
    ['δ@x.example', false],
    ['😀', false],
    ['a\u{1F600}b', false],
    ['Ā', false],
  ])('%j -> %s', (text, expected) => {
    expect(isLatin1Text(text)).toBe(expected);
  });
});
