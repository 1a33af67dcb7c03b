import { LedgerEvent } from '@app/domain';
import { EventStore } from '@app/event-store';
import { AggregateStates } from './aggregate-states';
import { CommandAnswer } from './command-answer';
import { answerOf, CommandExecution } from './command-execution';
import { EarlierAnswers } from './earlier-answers';
import { EventStamping } from './event-stamping';
import { LoadedStream } from './loaded-stream';
import { PreconditionFailed } from './precondition-failed.error';

/**
 * One attempt of a command, as Emmett's `handleCommandWithDecider`: read the stream folded to
 * its state → decide → append expecting the revision decided on → answer. A RevisionConflict
 * from the append means another writer moved the stream meanwhile (ConflictRetry decides what
 * then); any other error refuses the command.
 */
export class CommandCore {
  constructor(
    private readonly store: EventStore,
    private readonly states: AggregateStates,
    private readonly stamping: EventStamping,
    private readonly earlier: EarlierAnswers,
  ) {}

  async attempt<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    first: boolean,
  ): Promise<CommandAnswer> {
    const { streamId, decider } = execution;
    // A first attempt may decide on the cached state without reading the stream: the append's
    // expected revision refuses it if the cache is stale, and whatever would refuse the command
    // is re-checked on the stream, so a stale cache costs a read, never a wrong answer.
    const cached = first ? this.states.cached<State>(streamId) : undefined;
    let loaded = cached ?? (await this.states.load(streamId, decider));
    let decision: Decision<Event>;
    try {
      decision = await this.decideOn(execution, loaded);
    } catch (refusal) {
      if (cached === undefined) throw refusal;
      loaded = await this.states.load(streamId, decider);
      decision = await this.decideOn(execution, loaded);
    }
    if ('answer' in decision) return decision.answer;
    const { events } = decision;
    const result = await this.store.append(streamId, this.stamping.stamp(execution, events), {
      expectedRevision: revisionOf(loaded),
    });
    this.states.appended(loaded, decider, events, result);
    return answerOf(execution, result.revision, result.position);
  }

  /** An earlier answer of this request, or the events to append; throws a refusal. */
  private async decideOn<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    loaded: LoadedStream<State>,
  ): Promise<Decision<Event>> {
    const earlier = await this.earlier.ofCreate(execution, loaded);
    if (earlier !== undefined) return { answer: earlier };
    const expected = execution.context.expectedRevision;
    if (expected !== undefined && expected !== loaded.revision) {
      throw new PreconditionFailed(execution.streamId, expected, revisionOf(loaded));
    }
    const events = await execution.decide(loaded.state, this.states);
    if (events.length === 0) {
      return { answer: answerOf(execution, loaded.revision, loaded.position ?? '0') };
    }
    return { events };
  }
}

type Decision<Event> = { answer: CommandAnswer } | { events: Event[] };

function revisionOf(loaded: LoadedStream<unknown>): number | 'no_stream' {
  return loaded.revision < 0 ? 'no_stream' : loaded.revision;
}
