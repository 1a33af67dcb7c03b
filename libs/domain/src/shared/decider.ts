import { StateSnapshotCodec } from './state-snapshot-codec';

/**
 * An Emmett-style pure decider: `decide` turns a command and the current state into the
 * events to append (or throws a domain error); `evolve` folds one event into the state.
 * No clock, no random ids: time and ids arrive in the command, so replay is deterministic.
 */
export interface Decider<Command, Event, State> {
  /** A fresh state for a stream with no events (a function, so no caller can share it). */
  initialState: () => State;
  evolve: (state: State, event: Event) => State;
  /**
   * Optional, for long folds: the state `evolve` reaches over these events one by one, in one
   * call that may build it in structures only it owns (`state` stays as it was).
   */
  evolveAll?: (state: State, events: readonly Event[]) => State;
  decide: (command: Command, state: State) => Event[];
  /** How the state is kept in snapshots; deciders of short streams need none. */
  snapshot?: StateSnapshotCodec<State>;
}
