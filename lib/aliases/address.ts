import { normalizeDomainName, type DomainNameError } from '@/lib/domains/domain-name';

export type AddressError = 'empty' | 'no_at' | 'local_part' | 'local_part_too_long' | 'too_long' | `domain_${DomainNameError}`;
export type AddressResult = { ok: true; address: string; localPart: string; domain: string } | { ok: false; error: AddressError };

// RFC 5321 dot-atom local part (atext characters, dots not leading, trailing or doubled). Quoted
// local parts are legal but refused: Postfix maps, Maildir paths and IMAP names all trip on them.
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;

/** Validates an e-mail address and returns it in stored form: lowercase, domain in punycode. */
export function normalizeAddress(input: string): AddressResult {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, error: 'empty' };
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return { ok: false, error: 'no_at' };
  const localPart = trimmed.slice(0, at).toLowerCase();
  if (!LOCAL_PART.test(localPart)) return { ok: false, error: 'local_part' };
  if (localPart.length > 64) return { ok: false, error: 'local_part_too_long' };
  const domain = normalizeDomainName(trimmed.slice(at + 1));
  if (!domain.ok) return { ok: false, error: `domain_${domain.error}` };
  const address = `${localPart}@${domain.ascii}`;
  if (address.length > 254) return { ok: false, error: 'too_long' };
  return { ok: true, address, localPart, domain: domain.ascii };
}
