import { normalizeAddress, type AddressError } from './address';
import { fieldMessage } from './field-message';

// Postfix's virtual_alias_expansion_limit: more destinations than this and mail to the alias is deferred.
export const MAX_DESTINATIONS = 1000;
// alias.goto is a TEXT column
export const MAX_GOTO_LENGTH = 65_535;
// what a person can reasonably paste; refuses huge posts before any parsing
export const MAX_DESTINATIONS_INPUT = 300_000;

export type DestinationLineError = AddressError | 'comma' | 'domain_wide';

export interface LineError {
  line: number;
  value: string;
  error: DestinationLineError;
}

export type DestinationsResult = { ok: true; destinations: string[] } | { ok: false; lineErrors: LineError[]; error?: 'too_many' | 'too_long' };

// shown back to the person: control characters made visible, long lines cut
function displayValue(line: string): string {
  const visible = line.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD');
  return visible.length > 80 ? `${visible.slice(0, 79)}…` : visible;
}

/**
 * Reads destinations typed one per line: each is trimmed, lowercased, its domain turned to
 * punycode; empty lines are skipped and duplicates dropped. Every bad line is reported with its
 * number. A comma is refused (goto is comma-separated: it would smuggle in another destination).
 */
export function parseDestinations(text: string): DestinationsResult {
  const lineErrors: LineError[] = [];
  const destinations: string[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const fail = (error: DestinationLineError) => lineErrors.push({ line: index + 1, value: displayValue(line), error });
    if (line.includes(',')) return fail('comma');
    if (line.startsWith('@')) return fail('domain_wide');
    const parsed = normalizeAddress(line);
    if (!parsed.ok) return fail(parsed.error);
    if (!destinations.includes(parsed.address)) destinations.push(parsed.address);
  });
  if (lineErrors.length) return { ok: false, lineErrors };
  if (destinations.length > MAX_DESTINATIONS) return { ok: false, lineErrors, error: 'too_many' };
  if (destinations.join(',').length > MAX_GOTO_LENGTH) return { ok: false, lineErrors, error: 'too_long' };
  return { ok: true, destinations };
}

/** The i18n key explaining one bad line's reason. */
export function lineErrorReason(error: DestinationLineError): string {
  if (error.startsWith('domain_') && error !== 'domain_wide') return `domain.errors.${error.slice('domain_'.length)}`;
  return `alias.errors.reasons.${error}`;
}

/** Form messages for a refused destinations field: one per bad line, naming it. */
export function destinationMessages(result: Exclude<DestinationsResult, { ok: true }>): string[] {
  if (result.error === 'too_many') return [fieldMessage('alias.errors.tooManyDestinations', { max: MAX_DESTINATIONS })];
  if (result.error === 'too_long') return ['alias.errors.destinationsTooLong'];
  return result.lineErrors.map((e) => fieldMessage('alias.errors.line', { line: e.line, value: e.value, reason: lineErrorReason(e.error) }));
}
