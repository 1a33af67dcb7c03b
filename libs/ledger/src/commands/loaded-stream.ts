/**
 * A stream folded to its state. Treated as immutable: the state cache hands the same object to
 * concurrent commands (the states' Fold collections keep older versions intact).
 */
export interface LoadedStream<State> {
  streamId: string;
  state: State;
  /** Revision of the last event; -1 when the stream has none. */
  revision: number;
  /** Position of the last event; undefined when the stream has none. */
  position?: string;
  /** Revision of the newest snapshot written or read for this stream; -1 when none. */
  snapshotRevision: number;
}
