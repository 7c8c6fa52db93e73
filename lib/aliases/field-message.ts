// A form message that carries values (a line number, the addresses at fault): the i18n key, then
// its parameters as JSON. ActionState keeps plain strings; the form component splits them again.

export type MessageParams = Record<string, string | number>;

const SEPARATOR = '|';

/** An i18n key with parameters, as one string for ActionState.fieldErrors. */
export function fieldMessage(key: string, params: MessageParams): string {
  return `${key}${SEPARATOR}${JSON.stringify(params)}`;
}

/** Splits a message built by fieldMessage (a plain key comes back with no parameters). */
export function parseFieldMessage(message: string): { key: string; params: MessageParams } {
  const at = message.indexOf(SEPARATOR);
  if (at < 0) return { key: message, params: {} };
  try {
    const parsed: unknown = JSON.parse(message.slice(at + 1));
    const params: MessageParams = {};
    if (parsed && typeof parsed === 'object') {
      for (const [k, v] of Object.entries(parsed)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    }
    return { key: message.slice(0, at), params };
  } catch {
    return { key: message.slice(0, at), params: {} };
  }
}
