import { IdempotencyKeyReused } from '../idempotency/idempotency-key-reused.error';
import { IdempotencyStore } from '../idempotency/idempotency-store.port';
import { LedgerEvent } from '@app/domain';
import { CommandAnswer } from './command-answer';
import { CommandExecution } from './command-execution';
import { isRefusal } from './command-refusal';
import { EarlierAnswers } from './earlier-answers';

/**
 * The Idempotency-Key around a command, crash-safe: the key is bound to the request hash in the
 * idempotency index BEFORE the append, and the appended events carry the key and the hash (see
 * EarlierAnswers), with ids name-based on (actor, key). A retry after a crash at any point finds
 * the answer in the index, or finds its events in the stream (answer rebuilt, nothing
 * appended), or finds neither and appends for the first time. A reuse with another request is
 * refused by the index.
 */
export class IdempotentCommands {
  constructor(
    private readonly index: IdempotencyStore,
    private readonly earlier: EarlierAnswers,
  ) {}

  run<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    next: () => Promise<CommandAnswer>,
  ): Promise<CommandAnswer> {
    const key = execution.context.idempotencyKey;
    return key === undefined ? next() : this.runKeyed(execution, key, next);
  }

  private async runKeyed<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    key: string,
    next: () => Promise<CommandAnswer>,
  ): Promise<CommandAnswer> {
    const { context } = execution;
    const claim = await this.index.claim(context.actor, key, context.requestHash);
    if (claim.kind === 'mismatch') throw new IdempotencyKeyReused(key);
    if (claim.kind === 'answered') return claim.answer;
    let answer: CommandAnswer;
    try {
      answer = await next();
    } catch (error) {
      if (!isRefusal(error)) throw error;
      // The same request through another instance may have appended between this one's
      // lookup and its load or append (then refused as "already exists", 412 or 409): its
      // events are in the stream now, and they are this request's answer.
      const twin = await this.earlier.ofKey(execution);
      if (twin === undefined) {
        // Refused before anything was appended: the key stays free for the corrected request.
        await this.index.release(context.actor, key, context.requestHash);
        throw error;
      }
      answer = twin;
    }
    // Best effort: if this write is lost, the keyed events in the stream answer the retry.
    await this.index.complete(context.actor, key, answer);
    return answer;
  }
}
