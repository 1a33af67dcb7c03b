import type { JsonValue } from './json';

/**
 * An aggregate's state folded up to a revision of its stream, kept beside the events so a cold
 * load folds only the events after it. Only an optimization: the events stay the truth, and a
 * reader that does not know `shape` ignores the snapshot and folds the whole stream.
 */
export interface StreamSnapshot {
  /** Which state shape `state` has, e.g. "relationship/1" (bumped when the state changes). */
  shape: string;
  /** The stream revision the state was folded up to (inclusive). */
  revision: number;
  /** The log position of the event at `revision`. */
  position: string;
  state: JsonValue;
}
