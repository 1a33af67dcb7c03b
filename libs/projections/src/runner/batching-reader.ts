import { upcastEvent } from '@app/domain';
import { RecordedEvent } from '@app/event-store';

const TICK = Symbol('tick');
const IGNORE = () => undefined;
const SETTLED = Promise.resolve();

/**
 * Cuts a subscription into batches: as many events as are ready right now (up to a maximum),
 * so catching up applies large batches (one transaction each) while a live event is applied
 * as soon as it arrives. "Ready" means delivered before the next turn of the event loop.
 * Events come out in the current schema (`upcastEvent`), as every projection expects them.
 */
export class BatchingReader {
  private pending: Promise<IteratorResult<RecordedEvent>> | undefined;
  private ended = false;
  /** The last `ready` stopped because nothing more was ready (or the subscription ended). */
  caughtUp = false;

  constructor(private readonly iterator: AsyncIterator<RecordedEvent>) {}

  /** Events ready now, at most `max`; `[]` when none is; undefined once the subscription ended. */
  async ready(max: number): Promise<RecordedEvent[] | undefined> {
    if (this.ended) return undefined;
    const batch: RecordedEvent[] = [];
    let tick: Promise<typeof TICK> | undefined;
    this.caughtUp = false;
    while (batch.length < max) {
      const next = (this.pending ??= this.iterator.next());
      // Fast path: an event the subscription already holds is there after one microtask;
      // only otherwise race it against the next turn of the event loop.
      let settled: IteratorResult<RecordedEvent> | undefined;
      next.then((r) => (settled = r), IGNORE);
      await SETTLED;
      const result =
        settled ??
        (await Promise.race([
          next,
          (tick ??= new Promise<typeof TICK>((resolve) => setImmediate(resolve, TICK))),
        ]));
      if (result === TICK) {
        this.caughtUp = true;
        break;
      }
      this.pending = undefined;
      if (result.done) {
        this.ended = true;
        this.caughtUp = true;
        break;
      }
      // The read boundary of every projection and saga: events of an older schema are upcast here.
      batch.push(upcastEvent(result.value));
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
