import { Decider, LedgerEvent } from '@app/domain';

/** What folding a stream needs of its decider. */
export type StreamFold<State, Event extends LedgerEvent> = Pick<
  Decider<unknown, Event, State>,
  'initialState' | 'evolve' | 'evolveAll' | 'snapshot'
>;

/**
 * Other aggregates' current states, handed to a handler's `decide` for the rules a command
 * checks across aggregates (the parties of a relationship are registered, the offering is
 * published, …). It only reads: the one stream a command appends to is its own.
 */
export interface AggregateReader {
  state<State, Event extends LedgerEvent>(
    streamId: string,
    decider: StreamFold<State, Event>,
  ): Promise<State>;
}
