import { expect, type Page } from '@playwright/test';

/** The keys of a list's rows in the order shown (rows carry data-testid="<kind>-row-<key>"). */
function shownKeys(page: Page, kind: 'alias' | 'mailbox'): Promise<string[]> {
  const prefix = `${kind}-row-`;
  return page.locator(`[data-testid^="${prefix}"]`).evaluateAll((rows, p) => rows.map((r) => (r.getAttribute('data-testid') ?? '').slice(p.length)), prefix);
}

/** Waits until the list shows exactly these keys, in this order (a link's navigation may still be under way). */
export async function expectShown(page: Page, kind: 'alias' | 'mailbox', expected: string[], message?: string): Promise<void> {
  await expect.poll(() => shownKeys(page, kind), { message }).toEqual(expected);
}

/** Which of First, Previous, Next and Last are links (the others are shown disabled), and the rel of Previous and Next. */
export async function expectPageLinks(page: Page, enabled: { first: boolean; previous: boolean; next: boolean; last: boolean }): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Pages' });
  for (const [name, isEnabled] of [['First', enabled.first], ['Previous', enabled.previous], ['Next', enabled.next], ['Last', enabled.last]] as const) {
    const link = nav.getByRole('link', { name, exact: true });
    if (isEnabled) {
      await expect(link, name).toHaveAttribute('href', /^\/domains\//);
      await expect(link, name).not.toHaveAttribute('aria-disabled', 'true');
    } else {
      await expect(link, name).toHaveAttribute('aria-disabled', 'true');
      await expect(link, name).not.toHaveAttribute('href');
    }
  }
  if (enabled.previous) await expect(nav.getByRole('link', { name: 'Previous' })).toHaveAttribute('rel', 'prev');
  if (enabled.next) await expect(nav.getByRole('link', { name: 'Next' })).toHaveAttribute('rel', 'next');
}

/** `n` keys `${prefix}NN@domain` from `from`, as the list shows them. */
export const keys = (prefix: string, domain: string, from: number, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(from + i).padStart(2, '0')}@${domain}`);
