import { isStorageFullError } from '@app/event-store';

/** SQLite codes of a write that may well succeed later: no space, a lock held, an I/O error. */
const PASSING = /^SQLITE_(FULL|BUSY|LOCKED|IOERR)/;

/**
 * A read-model write that failed for a reason outside the projection (a full disk, a busy
 * file): the same batch is expected to commit once that passes. Any other error (a constraint,
 * a schema mismatch) would fail again, so it stops the projection instead.
 */
export function isPassingWriteError(error: unknown): boolean {
  if (isStorageFullError(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && PASSING.test(code);
}
