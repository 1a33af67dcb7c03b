import { asFoldedLedgerEvent, fold, LedgerEvent } from '@app/domain';
import { AppendResult, EventStore, FoldableEvent, StreamNotFound } from '@app/event-store';
import { AggregateReader, StreamFold } from './aggregate-reader';
import { AggregateSnapshots, StreamExclusive } from './aggregate-snapshots';
import { AggregateStateCache } from './aggregate-state-cache';
import { LoadedStream } from './loaded-stream';

/**
 * Folded aggregate states for the command side: from the state cache, else from the latest
 * snapshot plus the events after it (see AggregateSnapshots), else from the whole stream. The
 * same states are the reader handed to handlers for other streams.
 */
export class AggregateStates implements AggregateReader {
  constructor(
    private readonly store: EventStore,
    private readonly cache: AggregateStateCache,
    private readonly snapshots: AggregateSnapshots,
  ) {}

  /** The stream folded to its current state (revision -1 when it has no events). */
  async load<State, Event extends LedgerEvent>(
    streamId: string,
    decider: StreamFold<State, Event>,
  ): Promise<LoadedStream<State>> {
    const base: LoadedStream<State> = this.cache.get<State>(streamId) ??
      (await this.snapshots.load(streamId, decider)) ?? {
        streamId,
        state: decider.initialState(),
        revision: -1,
        snapshotRevision: -1,
      };
    const loaded = this.snapshots.maybeWrite(await this.foldNewEvents(base, decider), decider);
    if (loaded.revision >= 0) this.cache.set(loaded);
    return loaded;
  }

  async state<State, Event extends LedgerEvent>(
    streamId: string,
    decider: StreamFold<State, Event>,
  ): Promise<State> {
    return (await this.load(streamId, decider)).state;
  }

  /** The state the last command or load left in the cache, without reading the stream. */
  cached<State>(streamId: string): LoadedStream<State> | undefined {
    return this.cache.get<State>(streamId);
  }

  /** After our own append: its events folded into the state decided on, not read back. */
  appended<State, Event extends LedgerEvent>(
    loaded: LoadedStream<State>,
    decider: StreamFold<State, Event>,
    events: Event[],
    { revision, position }: AppendResult,
  ): void {
    const state = events.reduce((s, e) => decider.evolve(s, e), loaded.state);
    this.cache.set(this.snapshots.maybeWrite({ ...loaded, state, revision, position }, decider));
  }

  /** The stream moved past the cached state (another writer appended). */
  forget(streamId: string): void {
    this.cache.delete(streamId);
  }

  /**
   * Writes the snapshots the loads scheduled: called once a command has been answered, each
   * encoded while no command is on its stream (`exclusive`: the stream's queue).
   */
  writeScheduledSnapshots(exclusive: StreamExclusive): void {
    this.snapshots.writeScheduled(exclusive);
  }

  /** Before the process stops: the snapshots under way, and those of states well past theirs. */
  writeSnapshotsBeforeStop(exclusive: StreamExclusive): Promise<void> {
    return this.snapshots.writeBeforeStop(exclusive);
  }

  private async foldNewEvents<State, Event extends LedgerEvent>(
    base: LoadedStream<State>,
    decider: Pick<StreamFold<State, Event>, 'initialState' | 'evolve' | 'evolveAll'>,
  ): Promise<LoadedStream<State>> {
    let { state, revision, position } = base;
    try {
      for await (const page of this.store.readStreamForFold(base.streamId, {
        fromRevision: revision + 1,
      })) {
        state = fold(decider, page.map(toDomainEvent<Event>), state);
        ({ revision, position } = page[page.length - 1]);
      }
    } catch (error) {
      // A stream that has events never disappears: "not found" only means "still empty".
      if (!(error instanceof StreamNotFound)) throw error;
    }
    if (revision === base.revision) return base;
    return { ...base, state, revision, position };
  }
}

/**
 * Streams hold only what a decider made, so the stored (type, data) is the domain event, in
 * the shape of its schema version: older ones are upcast to the current shape on read.
 */
function toDomainEvent<Event extends LedgerEvent>(stored: FoldableEvent): Event {
  const event = asFoldedLedgerEvent(stored);
  return (event ?? { type: stored.type, data: stored.data }) as unknown as Event;
}
