import { describe, expect, it } from 'vitest';
import { displayAddress } from './display';
import { addressFromSegment, aliasPath } from './route-segment';

describe('alias route segments', () => {
  it.each([
    ['sales@example.org', 'sales@example.org'],
    ['sales%40example.org', 'sales@example.org'],
    ['%40example.org', '@example.org'],
    ['100%25off@example.org', '100%25off@example.org'],
    ['100%25off%40example.org', '100%off@example.org'],
    ['bad%E0%40example.org', 'bad%e0%40example.org'],
  ])('%s -> %s', (segment, address) => {
    expect(addressFromSegment(segment)).toBe(address);
  });

  it('builds paths with the address encoded', () => {
    expect(aliasPath('example.org', '@example.org', 'delete')).toBe('/domains/example.org/aliases/%40example.org/delete');
    expect(aliasPath('example.org', "o'brien/x?y#z@example.org")).toBe("/domains/example.org/aliases/o'brien%2Fx%3Fy%23z%40example.org");
  });

  it.each([
    ['info@xn--bcher-kva.example', 'info@bücher.example'],
    ['@xn--bcher-kva.example', '@bücher.example'],
    ['plain@example.org', 'plain@example.org'],
  ])('displays %s as %s', (address, shown) => {
    expect(displayAddress(address)).toBe(shown);
  });
});
