import { describe, expect, it } from 'vitest';
import { negotiateLocale } from './locales';

describe('negotiateLocale', () => {
  it.each([
    [null, 'en'],
    ['', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.8', 'fr'],
    ['en-US,en;q=0.9,fr;q=0.8', 'en'],
    ['de-DE,de;q=0.9,fr;q=0.5', 'fr'],
    ['de, es', 'en'],
    ['fr;q=0, en;q=0.1', 'en'],
    ['fr-CA;q=0.4, en;q=0.3', 'fr'],
  ])('%j -> %s', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});
