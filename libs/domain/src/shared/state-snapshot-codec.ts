/**
 * How a decider's state is kept in a snapshot: as plain JSON, tagged with the version of the
 * state's shape. Snapshots only spare a cold load most of its fold, so a decider needs one only
 * when its streams grow long.
 */
export interface StateSnapshotCodec<State> {
  /**
   * Names the shape `toJson` writes, e.g. "relationship/1". Change it whenever the state (or
   * what evolve puts in it) changes: snapshots of any other shape are then ignored, and the
   * stream is folded from its first event.
   */
  shape: string;
  toJson(state: State): unknown;
  /** Throws on JSON that is not of this shape (the stream is then folded in full). */
  fromJson(json: unknown): State;
}
