import { Inject, Injectable } from '@nestjs/common';
import {
  EVENT_STORE,
  EventStore,
  FoldableEvent,
  JsonObject,
  NewEvent,
  RecordedEvent,
  RevisionConflict,
  StreamNotFound,
} from '@app/event-store';
import {
  asFoldedLedgerEvent,
  Decider,
  fold,
  EVENT_SCHEMA_VERSIONS,
  LedgerEvent,
} from '@app/domain';
import { CLOCK, Clock } from '../clock';
import { ID_SOURCE, IdSource } from '../ids/id-source';
import { IdempotencyKeyReused } from '../idempotency/idempotency-key-reused.error';
import { IDEMPOTENCY_STORE, IdempotencyStore } from '../idempotency/idempotency-store.port';
import { AggregateStateCache } from './aggregate-state-cache';
import { CommandAnswer } from './command-answer';
import { CommandContext } from './command-context';
import { CommandIds } from './command-ids';
import { ConcurrentModification } from './concurrent-modification.error';
import { AggregateSnapshots } from './aggregate-snapshots';
import { isRefusal } from './command-refusal';
import { LoadedStream } from './loaded-stream';
import { PreconditionFailed } from './precondition-failed.error';
import { StreamLocks } from './stream-locks';

/** Attempts for a command without If-Match when other writers move the stream meanwhile. */
export const MAX_DECIDE_ATTEMPTS = 3;

/** One command against one aggregate stream, as a handler describes it. */
export interface CommandExecution<Command, Event extends LedgerEvent, State> {
  decider: Decider<Command, Event, State>;
  aggregateId: string;
  streamId: string;
  context: CommandContext;
  ids: CommandIds;
  /** True for the command that starts the stream (its retry with the same body is a no-op). */
  creates: boolean;
  /**
   * Runs the pure decide on the loaded state; may first read other streams through
   * {@link AggregateRepository.load} to apply cross-aggregate rules.
   */
  decide(state: State): Event[] | Promise<Event[]>;
  /** Ids of entities the command creates, added to the answer (e.g. `{ outputId }`). */
  entityIds?: Record<string, string>;
}

/**
 * The one path of every command: (claim the Idempotency-Key) → load the stream → fold
 * `evolve` → `decide` → append with the expected revision → answer.
 *
 * Concurrency: commands on one stream are queued in this process (StreamLocks), so they do not
 * race each other. With If-Match the append expects exactly that revision (stale → 412, no
 * retry). Without it the append expects the revision that was loaded; if another process got
 * in between, the command is decided again on the new state (up to MAX_DECIDE_ATTEMPTS),
 * since the client did not ask for a conditional write; then 409 concurrent-modification.
 *
 * Idempotency (crash-safe): the key is bound to the request hash in the idempotency index
 * BEFORE the append; the appended events carry `idempotencyKey` and `requestHash` in their
 * metadata, in the same atomic append; ids are name-based on (actor, key). A retry after a
 * crash at any point either finds the answer in the index, or finds its first event by that
 * name-based id through the store's event-id index (answer rebuilt, nothing appended), or finds
 * neither and appends for the first time. No lookup folds the stream. A reuse with another
 * request is refused by the index.
 *
 * Long streams: states come from the cache, else from the latest snapshot plus the events
 * after it (see AggregateSnapshots), else from the whole stream.
 */
@Injectable()
export class AggregateRepository {
  private readonly locks = new StreamLocks();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly idSource: IdSource,
    @Inject(IDEMPOTENCY_STORE) private readonly idempotency: IdempotencyStore,
    private readonly cache: AggregateStateCache,
    private readonly snapshots: AggregateSnapshots,
  ) {}

  idsFor(context: CommandContext): CommandIds {
    return new CommandIds(context, this.idSource);
  }

  /** The instant a command is decided at (ISO-8601), handed into the pure domain as `now`. */
  now(): string {
    return this.clock.now().toISOString();
  }

  /** The stream folded to its current state (revision -1 when it has no events). */
  async load<State, Event extends LedgerEvent>(
    streamId: string,
    decider: Pick<
      Decider<unknown, Event, State>,
      'initialState' | 'evolve' | 'evolveAll' | 'snapshot'
    >,
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

  async execute<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
  ): Promise<CommandAnswer> {
    try {
      return await this.executeOnce(execution);
    } finally {
      // Snapshots the loads scheduled are written once the command is answered, encoded while
      // no command is on their stream (their cached state is replaced).
      this.snapshots.writeScheduled((streamId, work) => this.locks.run(streamId, work));
    }
  }

  private async executeOnce<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
  ): Promise<CommandAnswer> {
    const { context, streamId } = execution;
    const key = context.idempotencyKey;
    if (key !== undefined) {
      const claim = await this.idempotency.claim(context.actor, key, context.requestHash);
      if (claim.kind === 'mismatch') throw new IdempotencyKeyReused(key);
      if (claim.kind === 'answered') return claim.answer;
      try {
        return await this.locks.run(streamId, () => this.decideAndAppend(execution));
      } catch (error) {
        // The same request through another instance may have appended between this one's
        // lookup and its load or append (then refused as "already exists", 412 or 409): its
        // events are in the stream now, and they are this request's answer.
        const earlier = isRefusal(error) ? await this.earlierKeyedAnswer(execution) : undefined;
        if (earlier !== undefined) return this.remember(context, earlier);
        // Refused before anything was appended: the key stays free for the corrected request.
        if (isRefusal(error))
          await this.idempotency.release(context.actor, key, context.requestHash);
        throw error;
      }
    }
    return this.locks.run(streamId, () => this.decideAndAppend(execution));
  }

  private async decideAndAppend<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
  ): Promise<CommandAnswer> {
    const { context, streamId, decider } = execution;
    for (let attempt = 1; ; attempt += 1) {
      // Before any fold: an earlier attempt of this keyed request is found by its event id.
      const earlier = await this.earlierKeyedAnswer(execution);
      if (earlier !== undefined) return this.remember(context, earlier);
      // The first attempt may decide on the cached state without reading the stream: the
      // append's expected revision refuses it if the cache is stale. Whatever would refuse the
      // command is re-checked on the stream first, so a stale cache costs a read, never a wrong
      // answer. (A keyed command's earlier answer is looked up in the store, not the state.)
      const trusted = attempt === 1 ? this.cache.get<State>(streamId) : undefined;
      let loaded = trusted ?? (await this.load(streamId, decider));
      let outcome: Decision<Event>;
      try {
        outcome = await this.decideOn(execution, loaded);
      } catch (error) {
        if (trusted === undefined) throw error;
        loaded = await this.load(streamId, decider);
        outcome = await this.decideOn(execution, loaded);
      }
      if ('answer' in outcome) return this.remember(context, outcome.answer);
      const { events } = outcome;
      const newEvents = events.map((event, index) => this.toNewEvent(execution, event, index));
      try {
        const result = await this.store.append(streamId, newEvents, {
          expectedRevision: loaded.revision < 0 ? 'no_stream' : loaded.revision,
        });
        const advanced = this.advance(loaded, execution, events, result.revision, result.position);
        this.cache.set(this.snapshots.maybeWrite(advanced, decider));
        return this.remember(context, this.answer(execution, result.revision, result.position));
      } catch (error) {
        if (!(error instanceof RevisionConflict)) throw error;
        this.cache.delete(streamId);
        // The append expected exactly the If-Match revision (checked above), so a conflict
        // means the client's revision is stale.
        if (context.expectedRevision !== undefined) {
          throw new PreconditionFailed(streamId, context.expectedRevision, error.actual);
        }
        if (attempt >= MAX_DECIDE_ATTEMPTS) throw new ConcurrentModification(streamId, attempt);
      }
    }
  }

  /** An earlier answer of this request, or the events to append; throws a refusal. */
  private async decideOn<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    loaded: LoadedStream<State>,
  ): Promise<Decision<Event>> {
    const earlier = await this.earlierAnswer(execution, loaded);
    if (earlier !== undefined) return { answer: earlier };
    const expected = execution.context.expectedRevision;
    if (expected !== undefined && expected !== loaded.revision) {
      throw new PreconditionFailed(execution.streamId, expected, revisionOf(loaded));
    }
    const events = await execution.decide(loaded.state);
    if (events.length === 0) {
      return { answer: this.answer(execution, loaded.revision, loaded.position ?? '0') };
    }
    return { events };
  }

  /**
   * The answer of an earlier attempt of this keyed request, if the stream holds its events:
   * their first one has a name-based id, looked up through the store's event-id index.
   */
  private async earlierKeyedAnswer<Command, Event extends LedgerEvent, State>(
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
    return this.answer(execution, last.revision, last.position);
  }

  /** A create naming its own id is idempotent: the same request again answers the first result. */
  private async earlierAnswer<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    loaded: LoadedStream<State>,
  ): Promise<CommandAnswer | undefined> {
    const { context, streamId } = execution;
    if (context.idempotencyKey === undefined && execution.creates && loaded.revision >= 0) {
      const first = await this.eventAt(streamId, 0);
      if (first?.metadata.requestHash === context.requestHash) {
        return this.answer(execution, 0, first.position);
      }
    }
    return undefined;
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

  private async remember(context: CommandContext, answer: CommandAnswer): Promise<CommandAnswer> {
    if (context.idempotencyKey !== undefined) {
      // Best effort: if this write is lost, the keyed events in the stream answer the retry.
      await this.idempotency.complete(context.actor, context.idempotencyKey, answer);
    }
    return answer;
  }

  private answer<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    revision: number,
    position: string,
  ): CommandAnswer {
    return {
      id: execution.aggregateId,
      streamId: execution.streamId,
      revision,
      position,
      ...execution.entityIds,
    };
  }

  private toNewEvent<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    event: Event,
    index: number,
  ): NewEvent {
    const { context, ids } = execution;
    const causationId = context.causationId ?? ids.id('command');
    return {
      eventId: ids.id(`event:${index}`),
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        actor: context.actor,
        correlationId: context.correlationId ?? causationId,
        causationId,
        recordedAt: this.clock.now().toISOString(),
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        requestHash: context.requestHash,
        idempotencyKey: context.idempotencyKey,
      },
    };
  }

  private async foldNewEvents<State, Event extends LedgerEvent>(
    base: LoadedStream<State>,
    decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve' | 'evolveAll'>,
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

  /** The loaded stream after our own append, without reading it back. */
  private advance<Command, Event extends LedgerEvent, State>(
    loaded: LoadedStream<State>,
    execution: CommandExecution<Command, Event, State>,
    events: Event[],
    revision: number,
    position: string,
  ): LoadedStream<State> {
    const state = events.reduce((s, e) => execution.decider.evolve(s, e), loaded.state);
    return { ...loaded, state, revision, position };
  }
}

/** More than any one command appends: bounds the read that finds an earlier append's end. */
const MAX_EVENTS_PER_COMMAND = 64;

type Decision<Event> = { answer: CommandAnswer } | { events: Event[] };

function revisionOf(loaded: LoadedStream<unknown>): number | 'no_stream' {
  return loaded.revision < 0 ? 'no_stream' : loaded.revision;
}

/**
 * Streams hold only what a decider made, so the stored (type, data) is the domain event, in
 * the shape of its schema version: older ones are upcast to the current shape on read.
 */
function toDomainEvent<Event extends LedgerEvent>(stored: FoldableEvent): Event {
  const event = asFoldedLedgerEvent(stored);
  return (event ?? { type: stored.type, data: stored.data }) as unknown as Event;
}
