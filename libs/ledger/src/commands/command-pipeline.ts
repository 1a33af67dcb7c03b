import { LedgerEvent } from '@app/domain';
import { EventStore } from '@app/event-store';
import { Clock } from '../clock';
import { IdempotencyStore } from '../idempotency/idempotency-store.port';
import { AggregateSnapshots, StreamExclusive } from './aggregate-snapshots';
import { AggregateStateCache } from './aggregate-state-cache';
import { AggregateStates } from './aggregate-states';
import { CommandAnswer } from './command-answer';
import { CommandCore } from './command-core';
import { CommandExecution } from './command-execution';
import { ConflictRetry } from './conflict-retry';
import { EarlierAnswers } from './earlier-answers';
import { EventStamping } from './event-stamping';
import { IdempotentCommands } from './idempotent-commands';
import { StreamLocks } from './stream-locks';

/** What the command side is built from (one of each per process). */
export interface CommandSideParts {
  store: EventStore;
  clock: Clock;
  idempotency: IdempotencyStore;
  cache: AggregateStateCache;
  snapshots: AggregateSnapshots;
}

/**
 * The one way of every command: the Idempotency-Key claim → the per-stream queue → retries
 * when another writer moved the stream → (the earlier answer of a keyed retry, found in the
 * stream before any fold, else) the core: load → decide → append with the expected revision.
 * Snapshots the command's loads scheduled are written once it is answered.
 */
export class CommandPipeline {
  constructor(
    private readonly idempotency: IdempotentCommands,
    private readonly locks: StreamLocks,
    private readonly retry: ConflictRetry,
    private readonly earlier: EarlierAnswers,
    private readonly core: CommandCore,
    private readonly states: AggregateStates,
  ) {}

  static create({
    store,
    clock,
    idempotency,
    cache,
    snapshots,
  }: CommandSideParts): CommandPipeline {
    const states = new AggregateStates(store, cache, snapshots);
    const earlier = new EarlierAnswers(store);
    return new CommandPipeline(
      new IdempotentCommands(idempotency, earlier),
      new StreamLocks(),
      new ConflictRetry(states),
      earlier,
      new CommandCore(store, states, new EventStamping(clock), earlier),
      states,
    );
  }

  async execute<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
  ): Promise<CommandAnswer> {
    try {
      return await this.idempotency.run(execution, () =>
        this.locks.run(execution.streamId, () =>
          this.retry.run(execution, (attempt) => this.attempt(execution, attempt)),
        ),
      );
    } finally {
      this.states.writeScheduledSnapshots(this.exclusive);
    }
  }

  /** A keyed request's earlier answer if the stream holds one, else the core's attempt. */
  private attempt<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    attempt: number,
  ): Promise<CommandAnswer> {
    if (execution.context.idempotencyKey === undefined) {
      return this.core.attempt(execution, attempt === 1);
    }
    return this.earlier
      .ofKey(execution)
      .then((earlier) => earlier ?? this.core.attempt(execution, attempt === 1));
  }

  /**
   * When the process stops gracefully: snapshots of the cached states well past their last one,
   * so a restart folds none of those events (see AggregateSnapshots.writeBeforeStop).
   */
  writeSnapshotsBeforeStop(): Promise<void> {
    return this.states.writeSnapshotsBeforeStop(this.exclusive);
  }

  private readonly exclusive: StreamExclusive = (streamId, work) => this.locks.run(streamId, work);
}
