import type { StreamTail } from '../integrity/chain-events';

/**
 * The last event this process saw of recently written streams, so an append can hash its
 * chain without reading the head first. An entry is a fact about one stored event (its
 * revision and hash never change), true forever; whether it is still the stream's head is
 * checked under the append lock, which answers 'stale' with the real head if it is not.
 * Bounded: the least recently written streams are forgotten first.
 */
export class StreamTails {
  private readonly tails = new Map<string, StreamTail>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): StreamTail | undefined {
    return this.tails.get(streamId);
  }

  /** Keeps `tail` unless a later one of the stream is known already. */
  remember(streamId: string, tail: StreamTail): void {
    const known = this.tails.get(streamId);
    if (known && known.revision > tail.revision) return;
    this.tails.delete(streamId);
    this.tails.set(streamId, tail);
    if (this.tails.size > this.capacity) {
      const oldest = this.tails.keys().next();
      if (!oldest.done) this.tails.delete(oldest.value);
    }
  }
}
