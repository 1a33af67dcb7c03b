/**
 * Why a store did not answer, in words that name no host, port, path, user or database: the
 * reason `/health/ready` gives needs no key, and log lines carry no path or secret either,
 * while a driver's message may hold all of them ("connect ENOENT /run/postgresql/.s.PGSQL.5432",
 * "password authentication failed for user …"). The driver's text picks the words and is
 * never repeated.
 */
export function storeFailureReason(error: unknown): string {
  const code = codeOf(error);
  const known = code === undefined ? undefined : REASONS_BY_CODE[code];
  if (known) return known;
  if (code?.startsWith('SQLITE_IOERR')) return 'disk I/O error';
  const message = error instanceof Error ? error.message : String(error);
  for (const [pattern, reason] of REASONS_BY_MESSAGE) if (pattern.test(message)) return reason;
  return 'it failed to answer';
}

/** Node's system errors, PostgreSQL's SQLSTATEs and SQLite's result codes. */
const REASONS_BY_CODE: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ETIMEDOUT: 'timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOENT: 'socket or file not found',
  EACCES: 'permission denied',
  '28P01': 'authentication failed',
  '28000': 'authentication failed',
  '3D000': 'database does not exist',
  '53300': 'too many connections',
  '57P01': 'server shutting down',
  '57P02': 'server shutting down',
  '57P03': 'server starting up or shutting down',
  SQLITE_BUSY: 'database locked',
  SQLITE_LOCKED: 'database locked',
  SQLITE_CANTOPEN: 'cannot open the database file',
  SQLITE_CORRUPT: 'database file corrupt',
  SQLITE_NOTADB: 'not a database file',
  SQLITE_FULL: 'disk full',
  SQLITE_READONLY: 'database read-only',
};

/** For errors without a code (client-side timeouts, closed handles, gRPC statuses). */
const REASONS_BY_MESSAGE: readonly (readonly [RegExp, string])[] = [
  [/ECONNREFUSED/, 'connection refused'],
  [/timeout|timed out|deadline exceeded/i, 'timed out'],
  [/UNAVAILABLE|no connection established/i, 'server unavailable'],
  [/connection terminated|connection ended|not queryable/i, 'connection lost'],
  [/connection is not open|pool.*(ended|end on a pool)|closed/i, 'store closed'],
];

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  const cause = (error as { cause?: unknown }).cause;
  return cause === undefined || cause === error ? undefined : codeOf(cause);
}
