import { LRUCache } from 'lru-cache';
import { approximateStateBytes } from './approximate-state-bytes';
import { LoadedStream } from './loaded-stream';

/** How much memory (approximate bytes) the command side's folded states may take: 64 MiB. */
export const DEFAULT_STATE_CACHE_BYTES = 64 * 1024 * 1024;

/** What the cache exports as metrics. */
export interface StateCacheStats {
  hits: number;
  misses: number;
  /** Approximate bytes the cached states take. */
  bytes: number;
  entries: number;
}

/**
 * A least-recently-used cache of folded aggregate states by stream id, bounded by their
 * approximate size in bytes (one long relationship can outweigh thousands of organizations).
 * It never decides anything on its own: a load reads the stream from the cached revision on,
 * so events appended by anyone else are folded in, and every append still carries the expected
 * revision, so a stale entry can only cost a retry, never a wrong append.
 */
export class AggregateStateCache {
  private readonly entries: LRUCache<string, LoadedStream<unknown>> | undefined;
  private hits = 0;
  private misses = 0;

  /** @param maxBytes 0 turns the cache off */
  constructor(maxBytes = DEFAULT_STATE_CACHE_BYTES) {
    this.entries =
      maxBytes > 0
        ? new LRUCache({
            maxSize: maxBytes,
            // A state larger than the whole cache is simply not kept.
            sizeCalculation: (loaded) => Math.max(1, approximateStateBytes(loaded)),
          })
        : undefined;
  }

  get<State>(streamId: string): LoadedStream<State> | undefined {
    const entry = this.entries?.get(streamId);
    if (entry === undefined) this.misses += 1;
    else this.hits += 1;
    return entry as LoadedStream<State> | undefined;
  }

  /** The entry without counting a lookup or refreshing its recency. */
  peek<State>(streamId: string): LoadedStream<State> | undefined {
    return this.entries?.peek(streamId) as LoadedStream<State> | undefined;
  }

  /** Puts `next` in the place of `current`, if the stream's entry is still that one. */
  replace<State>(current: LoadedStream<State>, next: LoadedStream<State>): void {
    if (this.entries?.peek(current.streamId) === current) this.entries.set(next.streamId, next);
  }

  set<State>(loaded: LoadedStream<State>): void {
    if (this.entries === undefined) return;
    const current = this.entries.peek(loaded.streamId);
    // Concurrent commands may finish out of order: keep the newest revision.
    if (current !== undefined && current.revision > loaded.revision) return;
    this.entries.set(loaded.streamId, loaded);
  }

  delete(streamId: string): void {
    this.entries?.delete(streamId);
  }

  stats(): StateCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      bytes: this.entries?.calculatedSize ?? 0,
      entries: this.entries?.size ?? 0,
    };
  }
}
