import { LoadedStream } from './loaded-stream';

/** How many streams' states the command side keeps in memory. */
export const DEFAULT_STATE_CACHE_CAPACITY = 10_000;

/**
 * A bounded (least recently used) cache of folded aggregate states by stream id.
 * It never decides anything on its own: a load reads the stream from the cached revision on,
 * so events appended by anyone else are folded in, and every append still carries the expected
 * revision, so a stale entry can only cost a retry, never a wrong append.
 */
export class AggregateStateCache {
  private readonly entries = new Map<string, LoadedStream<unknown>>();

  constructor(private readonly capacity = DEFAULT_STATE_CACHE_CAPACITY) {}

  get<State>(streamId: string): LoadedStream<State> | undefined {
    const entry = this.entries.get(streamId);
    if (entry === undefined) return undefined;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    return entry as LoadedStream<State>;
  }

  set<State>(loaded: LoadedStream<State>): void {
    if (this.capacity <= 0) return;
    const current = this.entries.get(loaded.streamId);
    // Concurrent commands may finish out of order: keep the newest revision.
    if (current !== undefined && current.revision > loaded.revision) return;
    this.entries.delete(loaded.streamId);
    this.entries.set(loaded.streamId, loaded);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  delete(streamId: string): void {
    this.entries.delete(streamId);
  }
}
