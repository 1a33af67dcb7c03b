import { LedgerEvent } from '@app/domain';
import { EventStore, RecordedEvent } from '@app/event-store';
import { IdempotencyKeyReused } from '../idempotency/idempotency-key-reused.error';
import { CommandAnswer } from './command-answer';
import { answerOf, CommandExecution } from './command-execution';
import { LoadedStream } from './loaded-stream';

/** More than any one command appends: bounds the read that finds an earlier append's end. */
const MAX_EVENTS_PER_COMMAND = 64;

/**
 * The answer of an earlier attempt of the same request, found in the stream itself: the
 * appended events carry `idempotencyKey` and `requestHash` in their metadata (written in the
 * same atomic append), so a retry after a crash at any point is answered without appending
 * again, and without folding the stream.
 */
export class EarlierAnswers {
  constructor(private readonly store: EventStore) {}

  /**
   * A keyed request whose events the stream holds: their first one has a name-based id, looked
   * up through the store's event-id index. Throws when that key was used for another request.
   */
  async ofKey<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
  ): Promise<CommandAnswer | undefined> {
    const { context, streamId } = execution;
    if (context.idempotencyKey === undefined) return undefined;
    const first = await this.store.findEvent(streamId, execution.ids.id('event:0'));
    if (first === undefined) return undefined;
    if (first.metadata.requestHash !== context.requestHash) {
      throw new IdempotencyKeyReused(context.idempotencyKey);
    }
    const last = await this.lastEventOfAppend(streamId, first);
    return answerOf(execution, last.revision, last.position);
  }

  /**
   * A create naming its own id is idempotent: the same request again answers the first result.
   * Undefined at once (nothing read) unless this is an unkeyed create of a stream that exists.
   */
  ofCreate<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    loaded: LoadedStream<State>,
  ): Promise<CommandAnswer | undefined> | undefined {
    const { context } = execution;
    if (context.idempotencyKey !== undefined || !execution.creates || loaded.revision < 0) {
      return undefined;
    }
    return this.createdBy(execution);
  }

  private async createdBy<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
  ): Promise<CommandAnswer | undefined> {
    const first = await this.eventAt(execution.streamId, 0);
    return first?.metadata.requestHash === execution.context.requestHash
      ? answerOf(execution, 0, first.position)
      : undefined;
  }

  /** The last event appended together with `first` (same actor and key; a command appends a few). */
  private async lastEventOfAppend(streamId: string, first: RecordedEvent): Promise<RecordedEvent> {
    const { actor, idempotencyKey } = first.metadata;
    let last = first;
    for await (const next of this.store.readStream(streamId, {
      fromRevision: first.revision + 1,
      maxCount: MAX_EVENTS_PER_COMMAND,
    })) {
      if (next.metadata.actor !== actor || next.metadata.idempotencyKey !== idempotencyKey) break;
      last = next;
    }
    return last;
  }

  private async eventAt(streamId: string, revision: number): Promise<RecordedEvent | undefined> {
    for await (const event of this.store.readStream(streamId, {
      fromRevision: revision,
      maxCount: 1,
    })) {
      return event;
    }
    return undefined;
  }
}
