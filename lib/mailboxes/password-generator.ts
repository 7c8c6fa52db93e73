// Random mailbox passwords, generated in the browser (pure: no DOM, no Node APIs), so the server
// only ever sees them the way it sees a typed password.

/** Character classes of a generated password; look-alikes (l, I, O, 0, 1) are left out. */
export const PASSWORD_CLASSES = {
  lower: 'abcdefghijkmnopqrstuvwxyz',
  upper: 'ABCDEFGHJKLMNPQRSTUVWXYZ',
  digit: '23456789',
  symbol: '-_.+=!@#*',
} as const;

const ALL = Object.values(PASSWORD_CLASSES).join('');

/** Length used when the policy asks for less. */
export const GENERATED_PASSWORD_LENGTH = 16;
/** Longest password a mailbox accepts (the form's limit). */
export const MAX_PASSWORD_LENGTH = 256;

/** Fills an array with cryptographically strong random numbers (crypto.getRandomValues's signature). */
export type RandomSource = (array: Uint32Array<ArrayBuffer>) => Uint32Array<ArrayBuffer>;

const cryptoRandom: RandomSource = (array) => globalThis.crypto.getRandomValues(array);

/** A uniform integer in [0, n), by rejection sampling (no modulo bias). */
function randomBelow(n: number, random: RandomSource): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    const value = random(buf)[0] ?? 0;
    if (value < limit) return value % n;
  }
}

function pick(chars: string, random: RandomSource): string {
  return chars[randomBelow(chars.length, random)] ?? '';
}

/**
 * A password of max(minLength, 16) characters with at least one lowercase letter, uppercase
 * letter, digit and symbol, drawn from crypto.getRandomValues.
 */
export function generatePassword(minLength: number, random: RandomSource = cryptoRandom): string {
  const length = Math.min(MAX_PASSWORD_LENGTH, Math.max(GENERATED_PASSWORD_LENGTH, Math.ceil(minLength)));
  const chars = Object.values(PASSWORD_CLASSES).map((set) => pick(set, random));
  while (chars.length < length) chars.push(pick(ALL, random));
  // Fisher-Yates, so the guaranteed characters are not always first
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1, random);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
