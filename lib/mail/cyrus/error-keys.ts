import { CyrusAuthError, CyrusCommandError, CyrusNotConfiguredError, CyrusUnavailableError } from './errors';
import { CyrusNameRefusedError } from './names';

/** The i18n key for an expected Cyrus failure; anything else is unexpected and rethrown. */
export function cyrusErrorKey(err: unknown): string {
  if (err instanceof CyrusUnavailableError) return 'cyrus.errors.unavailable';
  if (err instanceof CyrusAuthError) return 'cyrus.errors.auth';
  if (err instanceof CyrusNotConfiguredError) return 'cyrus.errors.notConfigured';
  if (err instanceof CyrusNameRefusedError) return 'cyrus.errors.name';
  if (err instanceof CyrusCommandError) return 'cyrus.errors.refused';
  throw err;
}
