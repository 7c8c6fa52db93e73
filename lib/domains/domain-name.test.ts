import { describe, expect, it } from 'vitest';
import {
  DOMAIN_NAME_MAX_LENGTH,
  type DomainNameError,
  domainNameErrorMessage,
  normalizeDomainName,
  toUnicodeDomain,
} from './domain-name';

const label63 = 'a'.repeat(63);
// 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253
const name253 = `${label63}.${label63}.${label63}.${'b'.repeat(61)}`;
const name254 = `${label63}.${label63}.${label63}.${'b'.repeat(62)}`;
// 232 characters as typed, 262 in punycode (each 44-letter label becomes 50)
const idnTooLong = `${['ü', 'ä', 'ö', 'é', 'ñ'].map((char) => char.repeat(44)).join('.')}.example`;

describe('normalizeDomainName accepts', () => {
  it.each<[string, string, string, string]>([
    ['plain name', 'example.com', 'example.com', 'example.com'],
    ['deep name', 'mail.sub.example.co.uk', 'mail.sub.example.co.uk', 'mail.sub.example.co.uk'],
    ['shortest two labels', 'x.y', 'x.y', 'x.y'],
    ['inner hyphens', 'my-mail-host.example', 'my-mail-host.example', 'my-mail-host.example'],
    ['numeric labels before the TLD', '123.4.example', '123.4.example', '123.4.example'],
    ['TLD with digits but not all digits', 'example.1com', 'example.1com', 'example.1com'],
    ['upper case, stored lower case', 'Example.COM', 'example.com', 'example.com'],
    ['surrounding whitespace', ' \t example.com \n', 'example.com', 'example.com'],
    ['one trailing dot (FQDN)', 'example.com.', 'example.com', 'example.com'],
    ['name starting with "all"', 'all.example.com', 'all.example.com', 'all.example.com'],
    ['German IDN', 'Bücher.example', 'xn--bcher-kva.example', 'bücher.example'],
    ['Japanese IDN', '例え.テスト', 'xn--r8jz45g.xn--zckzah', '例え.テスト'],
    ['Cyrillic IDN', 'пример.рф', 'xn--e1afmkfd.xn--p1ai', 'пример.рф'],
    ['sharp s kept (UTS 46 non-transitional)', 'faß.de', 'xn--fa-hia.de', 'faß.de'],
    ['emoji IDN', '💩.la', 'xn--ls8h.la', '💩.la'],
    ['valid A-label', 'xn--bcher-kva.example', 'xn--bcher-kva.example', 'bücher.example'],
    ['A-label in upper case', 'XN--BCHER-KVA.Example', 'xn--bcher-kva.example', 'bücher.example'],
    ['A-labels everywhere', 'xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai', 'пример.рф'],
    ['fullwidth letters and full stop', 'ｅｘａｍｐｌｅ．ｃｏｍ', 'example.com', 'example.com'],
    ['ideographic full stop as FQDN dot', 'example.com。', 'example.com', 'example.com'],
    ['63-character label', `${label63}.com`, `${label63}.com`, `${label63}.com`],
    ['253 characters in all', name253, name253, name253],
    ['253 characters plus the FQDN dot', `${name253}.`, name253, name253],
  ])('%s: %j', (_case, input, ascii, unicode) => {
    expect(normalizeDomainName(input)).toEqual({ ok: true, ascii, unicode });
  });

  it.each(['example.com', 'Bücher.example', '例え.テスト', 'пример.рф', 'xn--ls8h.la', 'faß.de'])(
    'round-trips %j through its stored and display forms',
    (input) => {
      const first = normalizeDomainName(input);
      if (!first.ok) throw new Error(`expected ${input} to be valid`);
      expect(normalizeDomainName(first.ascii)).toEqual(first);
      expect(normalizeDomainName(first.unicode)).toEqual(first);
      expect(toUnicodeDomain(first.ascii)).toBe(first.unicode);
    },
  );
});

describe('normalizeDomainName refuses', () => {
  it.each<[DomainNameError, string, string]>([
    ['empty', 'empty string', ''],
    ['empty', 'only whitespace', ' \t\n '],
    ['empty', 'only the root dot', '.'],
    ['empty', 'root dot in whitespace', '  .  '],

    ['too_long', '254 characters', name254],
    ['too_long', '254 characters plus the FQDN dot', `${name254}.`],
    ['too_long', 'IDN growing past 253 in punycode', idnTooLong],
    ['too_long', 'huge input', `${'a.'.repeat(5000)}com`],
    ['too_long', 'over 1024 characters typed, even if UTS 46 would shrink it', `a${'\u00ad'.repeat(1100)}.com`],

    ['label_too_long', '64-character label', `${'a'.repeat(64)}.com`],
    ['label_too_long', '64-character TLD', `example.${'a'.repeat(64)}`],
    ['label_too_long', 'IDN label over 63 only once in punycode', `ü${'a'.repeat(60)}.com`],

    ['empty_label', 'two dots in a row', 'example..com'],
    ['empty_label', 'leading dot', '.example.com'],
    ['empty_label', 'two trailing dots', 'example.com..'],
    ['empty_label', 'IDN with two dots', 'bücher..example'],

    ['bad_character', 'SQL injection', "example.com'; DROP TABLE domain;--"],
    ['bad_character', 'SQL comment', 'example.com/*'],
    ['bad_character', 'SQL OR', "x' OR '1'='1"],
    ['bad_character', 'Postfix config line', 'a.com\nrelayhost = evil'],
    ['bad_character', 'CRLF header injection', 'example.com\r\nX-Evil: 1'],
    ['bad_character', 'HTML', '<script>.com'],
    ['bad_character', 'HTML entity', '&lt;b&gt;.com'],
    ['bad_character', 'path traversal', '../../etc'],
    ['bad_character', 'path', 'example.com/evil'],
    ['bad_character', 'percent-encoded NUL', 'example.com%00'],
    ['bad_character', 'percent-encoded letter', '%65xample.com'],
    ['bad_character', 'NUL', 'example.com\0'],
    ['bad_character', 'backslash', 'a\\b.com'],
    ['bad_character', 'inner space', 'exa mple.com'],
    ['bad_character', 'inner tab', 'exa\tmple.com'],
    ['bad_character', 'address instead of domain', 'user@example.com'],
    ['bad_character', 'double quotes', '"example.com"'],
    ['bad_character', 'shell command substitution', '$(reboot).com'],
    ['bad_character', 'shell backticks', '`id`.example.com'],
    ['bad_character', 'shell separator', 'example.com;rm -rf /'],
    ['bad_character', 'shell pipe', 'example.com|sh'],
    ['bad_character', 'template injection', '{{7*7}}.com'],
    ['bad_character', 'log4j style lookup', '${jndi:ldap://x}.com'],
    ['bad_character', 'port', 'example.com:25'],
    ['bad_character', 'IPv6 literal', '[::1]'],
    ['bad_character', 'wildcard', '*.example.com'],
    ['bad_character', 'comma (a list of goto targets)', 'a.com,b.com'],
    ['bad_character', 'DEL control character', 'exa\u007fmple.com'],
    ['bad_character', 'next line (U+0085)', 'exa\u0085mple.com'],
    ['bad_character', 'no-break space', 'exa\u00a0mple.com'],
    ['bad_character', 'line separator (U+2028)', 'example.com\u2028relayhost'],
    ['bad_character', 'ideographic space', 'exa\u3000mple.com'],
    ['bad_character', 'fullwidth apostrophe mapped to an ASCII quote', 'ａ＇ｂ.com'],

    ['hyphen_edge', 'label starting with a hyphen', '-example.com'],
    ['hyphen_edge', 'label ending with a hyphen', 'example-.com'],
    ['hyphen_edge', 'TLD starting with a hyphen', 'example.-com'],
    ['hyphen_edge', 'TLD ending with a hyphen', 'example.com-'],

    ['underscore', 'DMARC record name', '_dmarc.example.com'],
    ['underscore', 'inner underscore', 'my_host.example.com'],
    ['underscore', 'underscore in the TLD', 'example.co_m'],
    ['underscore', 'fullwidth low line mapped to "_"', 'ａ＿ｂ.com'],

    ['numeric_tld', 'IPv4 address', '192.168.1.1'],
    ['numeric_tld', 'IPv4 address with FQDN dot', '10.0.0.1.'],
    ['numeric_tld', 'all-digit TLD', 'example.123'],
    ['numeric_tld', 'zero TLD', 'a.0'],
    ['numeric_tld', 'IPv4 in fullwidth digits', '１９２．１６８．１．１'],
    ['numeric_tld', 'IDN with a numeric TLD', 'bücher.1'],

    ['single_label', 'localhost', 'localhost'],
    ['single_label', 'bare TLD with dot', 'COM.'],
    ['single_label', 'single IDN label', 'bücher'],

    ['invalid_idn', 'undecodable A-label', 'xn--abc.com'],
    ['invalid_idn', 'empty A-label', 'xn--.com'],
    ['invalid_idn', 'A-label of plain ASCII (does not round-trip)', 'xn--a-.com'],
    ['invalid_idn', 'A-label of "xn" (does not round-trip)', 'xn--xn-.example'],
    ['invalid_idn', 'A-label of a decomposed (non-NFC) label', 'xn--uber-vwc.com'],
    ['invalid_idn', 'A-label of an upper-case U-label', 'xn--ber-ska.com'],
    ['invalid_idn', 'reserved hyphens in positions 3-4', 'ab--cd.com'],
    ['invalid_idn', 'reserved hyphens in the TLD', 'example.zz--top'],
    ['invalid_idn', 'zero-width joiner out of context', 'a\u200db.com'],
    ['invalid_idn', 'right-to-left override (spoofing)', 'moc.\u202eexample.com'],

    ['reserved', 'ALL (domain_admins wildcard)', 'ALL'],
    ['reserved', 'all in lower case', 'all'],
    ['reserved', 'all in mixed case', 'aLl'],
    ['reserved', 'all with FQDN dot and spaces', ' All. '],
    ['reserved', 'all in fullwidth letters', 'ＡＬＬ'],
  ])('%s: %s', (error, _case, input) => {
    expect(normalizeDomainName(input)).toEqual({ ok: false, error });
  });

  it('builds the length edge cases it claims to', () => {
    expect(name253).toHaveLength(DOMAIN_NAME_MAX_LENGTH);
    expect(name254).toHaveLength(DOMAIN_NAME_MAX_LENGTH + 1);
    expect(`ü${'a'.repeat(60)}`.length).toBeLessThanOrEqual(63);
    expect(idnTooLong.length).toBeLessThanOrEqual(DOMAIN_NAME_MAX_LENGTH);
  });
});

describe('toUnicodeDomain', () => {
  it.each<[string, string, string]>([
    ['A-label', 'xn--bcher-kva.example', 'bücher.example'],
    ['A-labels only', 'xn--e1afmkfd.xn--p1ai', 'пример.рф'],
    ['A-label TLD', 'a.xn--p1ai', 'a.рф'],
    ['Japanese', 'xn--r8jz45g.xn--zckzah', '例え.テスト'],
    ['upper-case A-label', 'XN--BCHER-KVA.EXAMPLE', 'bücher.example'],
    ['plain ASCII unchanged', 'example.com', 'example.com'],
    ['plain ASCII keeps its case', 'Example.COM', 'Example.COM'],
    ['IPv4-looking name unchanged', '192.168.1.1', '192.168.1.1'],
    ['undecodable A-label unchanged', 'xn--abc.com', 'xn--abc.com'],
    ['empty unchanged', '', ''],
    ['legacy ALL unchanged', 'ALL', 'ALL'],
    ['non-LDH text unchanged', 'xn--bcher-kva.example/../x', 'xn--bcher-kva.example/../x'],
    ['text after a slash is not cut off', 'xn--bcher-kva.a/evil', 'xn--bcher-kva.a/evil'],
    ['percent escapes are not decoded', 'xn--bcher-kva.example%2ea', 'xn--bcher-kva.example%2ea'],
    ['"xn--" inside a label is no A-label', 'axn--bcher-kva.example', 'axn--bcher-kva.example'],
  ])('%s: %j', (_case, input, expected) => {
    expect(toUnicodeDomain(input)).toBe(expected);
  });
});

describe('domainNameErrorMessage', () => {
  const codes: DomainNameError[] = [
    'empty',
    'too_long',
    'label_too_long',
    'empty_label',
    'bad_character',
    'hyphen_edge',
    'underscore',
    'numeric_tld',
    'single_label',
    'invalid_idn',
    'reserved',
  ];

  it.each(codes)('%s has an English sentence', (code) => {
    expect(domainNameErrorMessage(code)).toMatch(/^[A-Z].{10,}\.$/);
  });

  it('gives every code its own message', () => {
    expect(new Set(codes.map(domainNameErrorMessage)).size).toBe(codes.length);
  });
});
