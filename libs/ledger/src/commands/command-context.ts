/**
 * Who sent a command and how, as the HTTP edge saw it. Everything here ends up in the
 * appended events' metadata or decides how the append is checked.
 */
export interface CommandContext {
  /** `<keyName>:<role>`, or `anonymous` when the API runs open. */
  actor: string;
  /** From `X-Correlation-Id`; a new one when absent. */
  correlationId?: string;
  /** What caused the command (e.g. the event a saga reacted to); default: a new command id. */
  causationId?: string;
  /** Revision from `If-Match`: the append is conditional on it (stale → 412). */
  expectedRevision?: number;
  /** The client's `Idempotency-Key`, scoped by `actor`. */
  idempotencyKey?: string;
  /** SHA-256 of method, path and canonical body: tells a retry from a reuse of the key. */
  requestHash: string;
}
