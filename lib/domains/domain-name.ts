import { domainToASCII, domainToUnicode } from 'node:url';

export type DomainNameError =
  | 'empty'
  | 'too_long'
  | 'label_too_long'
  | 'empty_label'
  | 'bad_character'
  | 'hyphen_edge'
  | 'underscore'
  | 'numeric_tld'
  | 'single_label'
  | 'invalid_idn'
  | 'reserved';

export type DomainNameResult = { ok: true; ascii: string; unicode: string } | { ok: false; error: DomainNameError };

export const DOMAIN_NAME_MAX_LENGTH = 253;
const LABEL_MAX_LENGTH = 63;
// Far above any real name; keeps pathological input away from the IDNA code.
const RAW_INPUT_MAX_LENGTH = 1024;
// Names with a meaning of their own in PostfixAdmin's tables (domain_admins.domain = 'ALL').
const RESERVED_NAMES: ReadonlySet<string> = new Set(['all']);

// The only ASCII a domain may be typed with; anything else (quotes, slashes, %, @, controls) is refused
// before node:url sees it, because the URL host parser strips tabs/newlines, cuts at '/' and decodes '%'.
const ALLOWED_ASCII = /^[A-Za-z0-9._-]$/;
// Control, separator and line-break characters outside ASCII (NEL, NBSP, U+2028, ideographic space...).
const BAD_NON_ASCII = /[\p{Cc}\p{Z}]/u;
// Full stops UTS #46 maps to '.'; normalised first so a trailing one counts as the FQDN dot.
const UNICODE_FULL_STOPS = /[\u3002\uFF0E\uFF61]/g;
const LDH_OR_DOT = /^[a-z0-9._-]*$/;
const ALL_DIGITS = /^[0-9]+$/;
// A final label that is a plain letter, so the WHATWG host parser behind node:url never reads the
// name as an IPv4 address ("192.168.1.1" kept, "0x7f.1" turned into "127.0.0.1", "a.123" failing).
const SENTINEL = '.a';

/** UTS #46 to ASCII without IPv4 interpretation; null when the name is not valid IDNA. */
function toAsciiIdna(name: string): string | null {
  const converted = domainToASCII(name + SENTINEL);
  return converted.endsWith(SENTINEL) ? converted.slice(0, -SENTINEL.length) : null;
}

/** UTS #46 to Unicode without IPv4 interpretation; null when the name cannot be decoded. */
function toUnicodeIdna(name: string): string | null {
  const converted = domainToUnicode(name + SENTINEL);
  return converted.endsWith(SENTINEL) ? converted.slice(0, -SENTINEL.length) : null;
}

function hasBadCharacter(input: string): boolean {
  for (const char of input) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80 ? !ALLOWED_ASCII.test(char) : BAD_NON_ASCII.test(char)) return true;
  }
  return false;
}

function fail(error: DomainNameError): DomainNameResult {
  return { ok: false, error };
}

/** Validates a domain typed by a person and returns its stored form (lowercase punycode, PostfixAdmin stores IDNs so) and display form. */
export function normalizeDomainName(input: string): DomainNameResult {
  let name = input.trim();
  if (name.length > RAW_INPUT_MAX_LENGTH) return fail('too_long');
  if (hasBadCharacter(name)) return fail('bad_character');

  name = name.replace(UNICODE_FULL_STOPS, '.');
  // one trailing dot is the FQDN form; a second one leaves an empty label below
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name === '') return fail('empty');

  const ascii = toAsciiIdna(name);
  if (ascii === null) return fail('invalid_idn');
  // UTS #46 maps some Unicode (fullwidth apostrophe, low line...) onto ASCII punctuation
  if (!LDH_OR_DOT.test(ascii)) return fail('bad_character');
  if (ascii.includes('_')) return fail('underscore');

  // xn-- labels must be canonical punycode: decoding and encoding again gives the same name
  const unicode = toUnicodeIdna(ascii);
  if (unicode === null || toAsciiIdna(unicode) !== ascii) return fail('invalid_idn');

  if (ascii.length > DOMAIN_NAME_MAX_LENGTH) return fail('too_long');
  const labels = ascii.split('.');
  for (const label of labels) {
    if (label === '') return fail('empty_label');
    if (label.length > LABEL_MAX_LENGTH) return fail('label_too_long');
    if (label.startsWith('-') || label.endsWith('-')) return fail('hyphen_edge');
    // "??--" is reserved for IDNA A-labels (RFC 5891 §4.2.3.1); only xn-- is one
    if (label.slice(2, 4) === '--' && !label.startsWith('xn--')) return fail('invalid_idn');
  }
  if (RESERVED_NAMES.has(ascii)) return fail('reserved');
  if (labels.length < 2) return fail('single_label');
  // an all-numeric TLD would make the name an IPv4 address (RFC 3696 §2)
  if (ALL_DIGITS.test(labels[labels.length - 1] ?? '')) return fail('numeric_tld');

  return { ok: true, ascii, unicode };
}

/** Display form of a stored (punycode) domain; returns the input unchanged if it cannot be decoded. */
export function toUnicodeDomain(ascii: string): string {
  // Only plain LDH names with an A-label are decoded; anything else is shown exactly as stored.
  if (!/^[A-Za-z0-9._-]+$/.test(ascii) || !/(^|\.)xn--/i.test(ascii)) return ascii;
  const unicode = toUnicodeIdna(ascii);
  return unicode === null || unicode === '' ? ascii : unicode;
}

const MESSAGES: Record<DomainNameError, string> = {
  empty: 'Enter a domain name.',
  too_long: `The domain name is too long: at most ${DOMAIN_NAME_MAX_LENGTH} characters (after conversion to punycode).`,
  label_too_long: `Each part of the domain name between dots can have at most ${LABEL_MAX_LENGTH} characters (after conversion to punycode).`,
  empty_label: 'The domain name has an empty part: it cannot start with a dot or contain two dots in a row.',
  bad_character: 'The domain name may only contain letters, digits, hyphens and dots.',
  hyphen_edge: 'A part of the domain name cannot start or end with a hyphen.',
  underscore: 'Mail domains cannot contain an underscore (_).',
  numeric_tld: 'The last part of the domain name cannot be all digits; IP addresses are not accepted.',
  single_label: 'Enter a full domain name with at least one dot, such as example.com.',
  invalid_idn: 'The domain name is not a valid international (IDN) name.',
  reserved: 'This name is reserved and cannot be used as a domain.',
};

/** English message for an error code; the UI translates by code. */
export function domainNameErrorMessage(error: DomainNameError): string {
  return MESSAGES[error];
}
