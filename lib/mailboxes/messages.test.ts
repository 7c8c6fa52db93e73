import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Keys the mailbox code builds from a reason (`mailbox.errors.localPart_${error}` ...): the generic
// messages test only sees literal keys, so these are listed here.
const built = [
  ...['empty', 'chars', 'dots', 'tooLong'].map((e) => `localPart_${e}`),
  ...['exceeds_max_quota', 'exceeds_domain_quota', 'unlimited_not_allowed', 'quota_disabled'].map((r) => `quota_${r}`),
  'passwordTooShort', 'passwordTooLong', 'passwordChars',
];

describe.each(['en', 'fr'])('messages/%s/mailbox.json', (locale) => {
  const messages = JSON.parse(readFileSync(path.resolve('messages', locale, 'mailbox.json'), 'utf8')) as { mailbox: { errors: Record<string, string> } };
  it.each(built)('has mailbox.errors.%s', (key) => {
    expect(messages.mailbox.errors[key]).toEqual(expect.any(String));
  });
});
