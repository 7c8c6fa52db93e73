import { describe, expect, it } from 'vitest';
import { destinationMessages, lineErrorReason, MAX_DESTINATIONS, parseDestinations } from './destinations';
import { parseFieldMessage } from './field-message';

describe('parseDestinations', () => {
  it.each([
    ['one@example.org', ['one@example.org']],
    ['  One@Example.ORG  \n\n two@example.net \r\n', ['one@example.org', 'two@example.net']],
    ['a@example.org\r\nb@example.org\rc@example.org', ['a@example.org', 'b@example.org', 'c@example.org']],
    ['Info@Bücher.Example', ['info@xn--bcher-kva.example']],
    ['dup@example.org\nDUP@example.org\ndup@EXAMPLE.org', ['dup@example.org']],
    ["o'brien@example.org", ["o'brien@example.org"]],
    ['', []],
    ['\n \n', []],
  ])('%j -> %j', (input, expected) => {
    expect(parseDestinations(input)).toEqual({ ok: true, destinations: expected });
  });

  it.each([
    ['a@example.org, b@example.org', 1, 'comma'],
    ['ok@example.org\nnot-an-address', 2, 'no_at'],
    ['ok@example.org\n\n<script>alert(1)</script>@example.org', 3, 'local_part'],
    ["x'); DROP TABLE alias;--@example.org", 1, 'local_part'],
    ['"quoted"@example.org', 1, 'local_part'],
    ['nul\u0000byte@example.org', 1, 'local_part'],
    ['a@exa\u0000mple.org', 1, 'domain_bad_character'],
    ['a@example.org\u2028b@example.org', 1, 'local_part'],
    ['user@localhost', 1, 'domain_single_label'],
    ['@example.org', 1, 'domain_wide'],
    [`${'x'.repeat(65)}@example.org`, 1, 'local_part_too_long'],
    ['a@example.org\nb@ex ample.org', 2, 'domain_bad_character'],
  ])('%j is refused on line %i (%s)', (input, line, error) => {
    const r = parseDestinations(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.lineErrors).toEqual([expect.objectContaining({ line, error })]);
  });

  it('reports every bad line, not only the first', () => {
    const r = parseDestinations('bad1\ngood@example.org\nbad2@\n');
    expect(r.ok ? [] : r.lineErrors.map((e) => e.line)).toEqual([1, 3]);
  });

  it('shows control characters visibly and cuts long values', () => {
    const r = parseDestinations(`a\u0000b\n${'y'.repeat(200)}`);
    const values = r.ok ? [] : r.lineErrors.map((e) => e.value);
    expect(values[0]).toBe('a\uFFFDb');
    expect(values[1]).toHaveLength(80);
  });

  it(`refuses more than ${MAX_DESTINATIONS} destinations`, () => {
    const many = Array.from({ length: MAX_DESTINATIONS + 1 }, (_, i) => `u${i}@example.org`).join('\n');
    expect(parseDestinations(many)).toEqual({ ok: false, lineErrors: [], error: 'too_many' });
  });
});

describe('destination messages', () => {
  it.each([
    ['local_part', 'alias.errors.reasons.local_part'],
    ['comma', 'alias.errors.reasons.comma'],
    ['domain_single_label', 'domain.errors.single_label'],
    ['domain_wide', 'alias.errors.reasons.domain_wide'],
  ] as const)('%s -> %s', (error, key) => {
    expect(lineErrorReason(error)).toBe(key);
  });

  it('names the line and the value', () => {
    const r = parseDestinations('ok@example.org\nbad line');
    if (r.ok) throw new Error('expected a refusal');
    expect(destinationMessages(r).map(parseFieldMessage)).toEqual([
      { key: 'alias.errors.line', params: { line: 2, value: 'bad line', reason: 'alias.errors.reasons.no_at' } },
    ]);
  });

  it.each([['plain.key', { key: 'plain.key', params: {} }], ['k|{"a":1,"b":"x","c":{}}', { key: 'k', params: { a: 1, b: 'x' } }], ['k|not json', { key: 'k', params: {} }]])('parses %j', (input, expected) => {
    expect(parseFieldMessage(input)).toEqual(expected);
  });
});
