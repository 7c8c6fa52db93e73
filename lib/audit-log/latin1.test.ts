import { describe, expect, it } from 'vitest';
import { toLatin1Text } from './latin1';

describe('toLatin1Text', () => {
  it.each([
    ['plain ascii', 'alice@example.org: quota: 1 -> 2', 'alice@example.org: quota: 1 -> 2'],
    ['latin1 letters stay', 'Zoë « Müller »', 'Zoë « Müller »'],
    ['windows-1252 extras stay', '“quoted” – 10 €', '“quoted” – 10 €'],
    ['emoji is escaped', 'Ana 😀', 'Ana \\u{1f600}'],
    ['CJK is escaped', '中文', '\\u{4e2d}\\u{6587}'],
    ['empty', '', ''],
  ])('%s', (_label, input, expected) => {
    expect(toLatin1Text(input)).toBe(expected);
  });
});
