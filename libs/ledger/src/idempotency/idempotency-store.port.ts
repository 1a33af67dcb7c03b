import { CommandAnswer } from '../commands/command-answer';

/** Injection token for the idempotency key index. */
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

/** The outcome of claiming an Idempotency-Key for a request. */
export type IdempotencyClaim =
  /** First use, or an earlier attempt with the same request that may not have appended: go on. */
  | { kind: 'proceed' }
  /** An earlier attempt with the same request was answered: answer that again. */
  | { kind: 'answered'; answer: CommandAnswer }
  /** The key was used for another request. */
  | { kind: 'mismatch' };

/**
 * An index of Idempotency-Keys (scoped by actor). It is NOT the source of truth for answers:
 * the appended events carry `idempotencyKey` and `requestHash` in their metadata, written
 * atomically with the append, and a miss here is resolved by reading the target stream.
 * The index exists to (1) bind a key to one request BEFORE anything is appended, so a reuse
 * with another body or path is refused even after a crash, and (2) answer retries quickly.
 */
export interface IdempotencyStore {
  /** Binds `key` of `actor` to `requestHash` unless already bound; says what to do. */
  claim(actor: string, key: string, requestHash: string): Promise<IdempotencyClaim>;
  /** Remembers the answer of an appended request (best effort: the events stay the truth). */
  complete(actor: string, key: string, answer: CommandAnswer): Promise<void>;
  /**
   * Unbinds a key whose request was refused before anything was appended (a 409, 404, 412),
   * so the corrected request may use it. A key that has an answer stays bound.
   */
  release(actor: string, key: string, requestHash: string): Promise<void>;
  /**
   * Forgets keys claimed before `before` (ISO instant), a batch at a time; answers how many.
   * After that a retry on the same stream is still answered from its events' metadata, but a
   * reuse of the key for another aggregate is no longer refused.
   */
  prune(before: string, batchSize: number): Promise<number>;
  close(): Promise<void>;
}
