// What can go wrong talking to Cyrus, sorted for the caller (and the job mechanism): `retryable`
// says whether trying again later can succeed without anyone changing anything. No message ever
// holds a password: commands that carry one are named, never echoed.

/** Cyrus cannot be reached or went away (refused, timed out, closed, BYE, TLS failure): try again later. */
export class CyrusUnavailableError extends Error {
  readonly retryable = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CyrusUnavailableError';
  }
}

/** The admin login was refused: the admin name or password in the settings is wrong. */
export class CyrusAuthError extends Error {
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'CyrusAuthError';
  }
}

/** Cyrus answered NO or BAD to a command. */
export class CyrusCommandError extends Error {
  readonly retryable = false;
  constructor(
    readonly command: string,
    readonly status: 'NO' | 'BAD',
    readonly serverText: string,
  ) {
    super(`Cyrus refused ${command}: ${status} ${serverText}`);
    this.name = 'CyrusCommandError';
  }
}

/** No Cyrus connection is configured yet (host, admin or password missing in the settings). */
export class CyrusNotConfiguredError extends Error {
  readonly retryable = false;
  constructor() {
    super('Cyrus is not configured: set its host, admin and admin password on the Cyrus settings page.');
    this.name = 'CyrusNotConfiguredError';
  }
}

/** Whether an error from lib/mail/cyrus says "try again later" (the job mechanism's retry decision). */
export function isRetryableCyrusError(err: unknown): boolean {
  return err instanceof CyrusUnavailableError;
}
