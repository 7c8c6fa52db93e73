import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkLocalPart, createMailboxSchema, displayNameSchema, passwordPolicyError, updateMailboxSchema, type LocalPartError } from './schema';

const fieldErrors = (result: { success: boolean; error?: z.ZodError }) => (result.error ? z.flattenError(result.error).fieldErrors : {});

describe('checkLocalPart', () => {
  it.each<[string, string]>([
    ['alice', 'alice'],
    ['Alice.Martin', 'alice.martin'],
    ['  bob  ', 'bob'],
    ['first_last', 'first_last'],
    ['team-42', 'team-42'],
    ['user+tag', 'user+tag'],
    ['a', 'a'],
    ['x'.repeat(64), 'x'.repeat(64)],
  ])('%j is accepted as %j', (input, localPart) => {
    expect(checkLocalPart(input)).toEqual({ ok: true, localPart });
  });

  // input written to break out of SQL, a path, a Postfix map or a header
  it.each<[string, LocalPartError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ["o'brien", 'chars'],
    ["' OR '1'='1", 'chars'],
    ['"quoted"', 'chars'],
    ['al ice', 'chars'],
    ['alice\n', 'chars'],
    ['alice\r\nBcc: victim@example.org', 'chars'],
    ['ali\u0000ce', 'chars'],
    ['ali\tce', 'chars'],
    ['../etc', 'chars'],
    ['a/b', 'chars'],
    ['a\\b', 'chars'],
    ['100%', 'chars'],
    ['a%b', 'chars'],
    ['a_b%', 'chars'],
    ['alice@other.example', 'chars'],
    ['a,b', 'chars'],
    ['a;b', 'chars'],
    ['a`id`', 'chars'],
    ['$(reboot)', 'chars'],
    ['a*', 'chars'],
    ['café', 'chars'],
    ['аlice', 'chars'], // Cyrillic а
    ['.alice', 'dots'],
    ['alice.', 'dots'],
    ['al..ice', 'dots'],
    ['..', 'dots'],
    ['x'.repeat(65), 'tooLong'],
  ])('%j is refused (%s)', (input, error) => {
    expect(checkLocalPart(input)).toEqual({ ok: false, error });
  });
});

describe('displayNameSchema (mailbox.name is utf8mb4, 255 characters)', () => {
  it.each<[string, string]>([
    ['', ''],
    ['Alice Martin', 'Alice Martin'],
    ['  Zoë Müller  ', 'Zoë Müller'],
    ['李小龍', '李小龍'],
    ['Ana 😀', 'Ana 😀'],
    ['👩‍👩‍👧 family', '👩‍👩‍👧 family'], // joined with zero-width joiners
    ["O'Brien \"the\" <boss> & co; DROP TABLE mailbox", "O'Brien \"the\" <boss> & co; DROP TABLE mailbox"],
    ['😀'.repeat(255), '😀'.repeat(255)], // 255 characters, 510 UTF-16 units
    ['é'.repeat(255), 'é'.repeat(255)],
  ])('%j is accepted', (input, output) => {
    expect(displayNameSchema.parse(input)).toBe(output);
  });

  it.each<[string, string]>([
    ['x'.repeat(256), 'mailbox.errors.nameTooLong'],
    ['😀'.repeat(256), 'mailbox.errors.nameTooLong'],
    ['Alice\nBcc: x@example.org', 'mailbox.errors.nameChars'],
    ['Al\rice', 'mailbox.errors.nameChars'],
    ['Al\u0000ice', 'mailbox.errors.nameChars'],
    ['Al\u001bice', 'mailbox.errors.nameChars'],
    ['Al\u007fice', 'mailbox.errors.nameChars'],
    ['Al\u0085ice', 'mailbox.errors.nameChars'],
  ])('%j is refused', (input, message) => {
    const r = displayNameSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(message);
  });
});

describe('passwordPolicyError', () => {
  it.each<[string, number, ReturnType<typeof passwordPolicyError>]>([
    ['0123456789', 10, null],
    ['012345678', 10, 'passwordTooShort'],
    ['', 8, 'passwordTooShort'],
    ['😀😀😀😀😀😀😀😀', 8, null], // characters, not UTF-16 units
    ['😀😀😀😀', 8, 'passwordTooShort'],
    ['x'.repeat(256), 8, null],
    ['x'.repeat(257), 8, 'passwordTooLong'],
    ['pass\nword123', 8, 'passwordChars'],
    ['pass\u0000word123', 8, 'passwordChars'],
    ["it's \"quoted\" & <ok>", 8, null],
  ])('%j with minimum %d -> %s', (password, min, error) => {
    expect(passwordPolicyError(password, min)).toBe(error);
  });
});

describe('createMailboxSchema', () => {
  const valid = { domain: 'example.org', localPart: 'Alice', name: 'Alice', password: 'long enough secret', passwordConfirm: 'long enough secret', quota: '512', active: 'on' };

  it('gives the stored forms: lowercase local part, quota in bytes, active flag', () => {
    expect(createMailboxSchema(10).parse(valid)).toEqual({ domain: 'example.org', localPart: 'alice', name: 'Alice', password: 'long enough secret', passwordConfirm: 'long enough secret', quota: 536_870_912n, active: true });
    expect(createMailboxSchema(10).parse({ ...valid, active: undefined }).active).toBe(false);
  });

  it('reports every bad field at once, with i18n keys', () => {
    const r = createMailboxSchema(12).safeParse({ ...valid, localPart: '../x', name: 'a\nb', password: 'short', passwordConfirm: 'other', quota: '-5' });
    expect(fieldErrors(r)).toEqual({
      localPart: ['mailbox.errors.localPart_chars'],
      name: ['mailbox.errors.nameChars'],
      password: ['mailbox.errors.passwordTooShort'],
      quota: ['mailbox.errors.quotaFormat'],
    });
  });

  it('follows the configured minimum length', () => {
    expect(createMailboxSchema(20).safeParse(valid).success).toBe(false);
    expect(createMailboxSchema(18).safeParse(valid).success).toBe(true);
  });

  it('refuses a confirmation that does not match', () => {
    expect(fieldErrors(createMailboxSchema(10).safeParse({ ...valid, passwordConfirm: 'long enough secreT' }))).toEqual({ passwordConfirm: ['mailbox.errors.passwordMismatch'] });
  });

  it('requires a password', () => {
    expect(fieldErrors(createMailboxSchema(10).safeParse({ ...valid, password: '', passwordConfirm: '' }))).toEqual({ password: ['mailbox.errors.passwordTooShort'] });
  });
});

describe('updateMailboxSchema', () => {
  const valid = { address: 'alice@example.org', name: 'Alice', password: '', passwordConfirm: '', quota: '9.765625' };

  it('an empty password means "keep the current one"', () => {
    expect(updateMailboxSchema(10).parse(valid)).toEqual({ ...valid, quota: 10_240_000n });
  });

  it('a new password must meet the policy and match its confirmation', () => {
    expect(fieldErrors(updateMailboxSchema(10).safeParse({ ...valid, password: 'short', passwordConfirm: 'short' }))).toEqual({ password: ['mailbox.errors.passwordTooShort'] });
    expect(fieldErrors(updateMailboxSchema(10).safeParse({ ...valid, password: 'long enough secret', passwordConfirm: '' }))).toEqual({ passwordConfirm: ['mailbox.errors.passwordMismatch'] });
  });
});
