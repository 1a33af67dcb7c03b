import { isStorageFullError } from '@app/event-store';

/** SQLite codes of a write that may well succeed later: no space, a lock held, an I/O error. */
const PASSING_SQLITE = /^SQLITE_(FULL|BUSY|LOCKED|IOERR)/;
/**
 * PostgreSQL's: a lost or refused connection (08), no resources (53: disk full, too many
 * connections), the server shutting down or starting (57P), a serialization failure or deadlock
 * (40001, 40P01), a lock not available (55P03).
 */
const PASSING_POSTGRES = /^(08...|53...|57P0[1-3]|40001|40P01|55P03)$/;
/** The network's, on the way to a database server. */
const PASSING_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);
/** The `pg` driver's own errors for a connection it lost or could not open carry no code. */
const PASSING_PG_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/**
 * A read-model write that failed for a reason outside the projection (a full disk, a busy
 * file, a database that cannot be reached for now): the same batch is expected to commit once
 * that passes. Any other error (a constraint, a schema mismatch) would fail again, so it stops
 * the projection instead.
 */
export function isPassingWriteError(error: unknown): boolean {
  if (isStorageFullError(error)) return true;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    return PASSING_SQLITE.test(code) || PASSING_POSTGRES.test(code) || PASSING_NETWORK.has(code);
  }
  return error instanceof Error && PASSING_PG_MESSAGE.test(error.message);
}
