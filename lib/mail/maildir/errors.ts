/**
 * Why storage work did not happen, in words an administrator can act on. `permanent` failures (a
 * hostile or wrong path, a symlink, a foreign owner) are not retried: running again cannot help until
 * someone fixes the cause. Others (the base missing, a full or read-only disk) are retried with backoff.
 */
export class StorageError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

/** A refusal: the path is unsafe, so nothing was touched. */
export function refused(message: string): StorageError {
  return new StorageError(`Refused: ${message}; nothing was changed`, true);
}

/** The errno code of a Node fs error, if any. */
export function errnoOf(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

const ERRNO_TEXT: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted (the storage runner must run as root to give Maildirs to the vmail user)',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a path component is not a directory',
  EXDEV: 'the archive path is on another file system than the mail base (Maildirs are moved by renaming)',
  ENOTEMPTY: 'directory not empty',
  EBUSY: 'resource busy',
};

/** A failed file system call as a retryable StorageError naming the operation and the path. */
export function fsFailure(operation: string, file: string, err: unknown): StorageError {
  if (err instanceof StorageError) return err;
  const code = errnoOf(err);
  const text = code ? (ERRNO_TEXT[code] ?? code) : err instanceof Error ? err.message : String(err);
  return new StorageError(`Cannot ${operation} ${file}: ${text}`, false);
}
