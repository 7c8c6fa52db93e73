import { toUnicodeDomain } from '@/lib/domains/domain-name';

/** An address as people read it: its domain in Unicode when it is an international name. */
export function displayAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : `${address.slice(0, at)}@${toUnicodeDomain(address.slice(at + 1))}`;
}
