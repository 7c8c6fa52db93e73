import { describe, expect, it } from 'vitest';
import { normalizeAddress } from './address';

describe('normalizeAddress', () => {
  it.each([
    ['Alice@Example.ORG', 'alice@example.org'],
    ['  postmaster@example.org ', 'postmaster@example.org'],
    ['first.last+tag@example.org', 'first.last+tag@example.org'],
    ["o'brien@example.org", "o'brien@example.org"],
    ['info@bücher.example', 'info@xn--bcher-kva.example'],
  ])('%s -> %s', (input, expected) => {
    const r = normalizeAddress(input);
    expect(r.ok && r.address).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['example.org', 'no_at'],
    ['.alice@example.org', 'local_part'],
    ['al..ice@example.org', 'local_part'],
    ['alice.@example.org', 'local_part'],
    ['"quoted"@example.org', 'local_part'],
    ['a b@example.org', 'local_part'],
    ['a,b@example.org', 'local_part'],
    ['alice@example.org\nbcc@evil.test', 'local_part'],
    [`${'a'.repeat(65)}@example.org`, 'local_part_too_long'],
    ['alice@localhost', 'domain_single_label'],
    ['alice@ex_ample.org', 'domain_underscore'],
  ])('%j is refused: %s', (input, error) => {
    const r = normalizeAddress(input);
    expect(r.ok ? 'accepted' : r.error).toBe(error);
  });
});
