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
      const deciding = this.decideOn(execution, loaded);
      decision = deciding instanceof Promise ? await deciding : deciding;
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

  /**
   * An earlier answer of this request, or the events to append; throws a refusal. Decided at
   * once, without a promise, when nothing has to be read (the common case: a command on its
   * own stream's state).
   */
  private decideOn<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    loaded: LoadedStream<State>,
  ): Decision<Event> | Promise<Decision<Event>> {
    const earlier = this.earlier.ofCreate(execution, loaded);
    if (earlier === undefined) return this.decideNew(execution, loaded);
    return earlier.then((answer) =>
      answer === undefined ? this.decideNew(execution, loaded) : { answer },
    );
  }

  private decideNew<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    loaded: LoadedStream<State>,
  ): Decision<Event> | Promise<Decision<Event>> {
    const expected = execution.context.expectedRevision;
    if (expected !== undefined && expected !== loaded.revision) {
      throw new PreconditionFailed(execution.streamId, expected, revisionOf(loaded));
    }
    const events = execution.decide(loaded.state, this.states);
    return events instanceof Promise
      ? events.then((decided) => decisionOf(execution, loaded, decided))
      : decisionOf(execution, loaded, events);
  }
}

type Decision<Event> = { answer: CommandAnswer } | { events: Event[] };

/** Nothing decided means the command changes nothing: it answers where the stream stands. */
function decisionOf<Event>(
  execution: Parameters<typeof answerOf>[0],
  loaded: LoadedStream<unknown>,
  events: Event[],
): Decision<Event> {
  if (events.length > 0) return { events };
  return { answer: answerOf(execution, loaded.revision, loaded.position ?? '0') };
}

function revisionOf(loaded: LoadedStream<unknown>): number | 'no_stream' {
  return loaded.revision < 0 ? 'no_stream' : loaded.revision;
}
