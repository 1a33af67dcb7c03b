import { RecordedEvent } from '@app/event-store';

const TICK = Symbol('tick');

/**
 * Cuts a subscription into batches: as many events as are ready right now (up to a maximum),
 * so catching up applies large batches (one transaction each) while a live event is applied
 * as soon as it arrives. "Ready" means delivered before the next turn of the event loop.
 */
export class BatchingReader {
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;
  private ended = false;

  constructor(private readonly iterator: AsyncIterator<RecordedEvent>) {}

  /** Events ready now, at most `max`; `[]` when none is; undefined once the subscription ended. */
  async ready(max: number): Promise<RecordedEvent[] | undefined> {
    if (this.ended) return undefined;
    const batch: RecordedEvent[] = [];
    const tick = new Promise<typeof TICK>((resolve) => setImmediate(resolve, TICK));
    while (batch.length < max) {
      this.pending ??= this.iterator.next();
      const result = await Promise.race([this.pending, tick]);
      if (result === TICK) break;
      this.pending = undefined;
      if (result.done) {
        this.ended = true;
        break;
      }
      batch.push(result.value);
    }
    return batch.length === 0 && this.ended ? undefined : batch;
  }

  /** Waits until an event is ready; false when the subscription ended instead. */
  async waitForNext(): Promise<boolean> {
    if (this.ended) return false;
    this.pending ??= this.iterator.next();
    const result = await this.pending;
    if (result.done) {
      this.ended = true;
      this.pending = undefined;
      return false;
    }
    return true;
  }
}
