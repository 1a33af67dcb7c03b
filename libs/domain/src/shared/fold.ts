import { Decider } from './decider';
import { parseIsoInstant } from './iso-time';

type EvolvingDecider<Event, State> = Pick<
  Decider<unknown, Event, State>,
  'initialState' | 'evolve' | 'evolveAll'
>;

/**
 * The state of a stream: its events folded with `evolve`, in order, from `initialState` (or
 * `from`); by the decider's `evolveAll` when it has one and the events are at hand.
 */
export function fold<Event, State>(
  decider: EvolvingDecider<Event, State>,
  events: Iterable<Event>,
  from: State = decider.initialState(),
): State {
  if (decider.evolveAll !== undefined && Array.isArray(events)) {
    return decider.evolveAll(from, events);
  }
  let state = from;
  for (const event of events) state = decider.evolve(state, event);
  return state;
}

/** An event with the time it was recorded (ISO-8601), as an auditor replays it. */
export interface TimedEvent<Event> {
  event: Event;
  recordedAt: string;
}

/**
 * The state as of an instant: folds the stream's events in order and stops at the first one
 * recorded after `asOf`. A stream is recorded in order, so nothing later can be earlier.
 * Throws on an unparsable `asOf` (the caller validates it; this is the last line of defence).
 */
export function replayAsOf<Event, State>(
  decider: EvolvingDecider<Event, State>,
  history: Iterable<TimedEvent<Event>>,
  asOf: string,
): { state: State; eventsApplied: number } {
  const limit = parseIsoInstant(asOf);
  if (limit === undefined) throw new RangeError(`asOf is not an ISO-8601 instant: ${asOf}`);
  let state = decider.initialState();
  let eventsApplied = 0;
  for (const { event, recordedAt } of history) {
    const at = parseIsoInstant(recordedAt);
    if (at === undefined)
      throw new RangeError(`recordedAt is not an ISO-8601 instant: ${recordedAt}`);
    if (at > limit) break;
    state = decider.evolve(state, event);
    eventsApplied += 1;
  }
  return { state, eventsApplied };
}
