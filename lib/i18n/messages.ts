import type { Locale } from './locales';

// Messages live in one file per namespace (messages/<locale>/<namespace>.json), so features can
// add their own without touching each other's files. Each file holds { "<namespace>": {...} }.
const NAMESPACES = ['common', 'nav', 'errors', 'password', 'login', 'setup', 'domain', 'log', 'settings', 'mailbox', 'admin', 'profile', 'account', 'alias', 'aliasDomain', 'forward', 'trace', 'storage', 'mailConfig', 'passwordSchemes', 'vacation', 'selfService', 'cyrus', 'import'] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all(NAMESPACES.map(async (ns) => (await import(`../../messages/${locale}/${ns}.json`)).default as Record<string, unknown>));
  return Object.assign({}, ...parts);
}

export const MESSAGE_NAMESPACES: readonly string[] = NAMESPACES;
