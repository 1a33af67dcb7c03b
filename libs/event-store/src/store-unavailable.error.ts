/**
 * The store could not be reached (its server restarted, failed over, dropped the connection).
 * The write may be retried: appends are idempotent by event id, so a retry of one that did
 * commit gets its original answer.
 */
export class StoreUnavailable extends Error {
  override readonly name = 'StoreUnavailable';

  constructor(
    readonly where: string,
    options?: { cause?: unknown },
  ) {
    super(`the ${where} cannot be reached now`, options);
  }
}

/**
 * PostgreSQL's codes for a lost or refused connection (08) and a server shutting down or
 * starting (57P01-03), the network's on the way to it, and the `pg` driver's own (no code).
 */
const LOST_POSTGRES = /^(08...|57P0[1-3])$/;
const LOST_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);
const LOST_PG_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

/** Whether `error` says the connection to the store was lost or could not be opened. */
export function isConnectionLostError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return LOST_POSTGRES.test(code) || LOST_NETWORK.has(code);
  return error instanceof Error && LOST_PG_MESSAGE.test(error.message);
}
