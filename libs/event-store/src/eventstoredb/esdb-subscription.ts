import type { AllStreamSubscription } from '@eventstore/db-client';
import type { AllSubscription } from '../event-store.port';
import type { RecordedEvent } from '../recorded-event';
import { isSystemEvent, toRecordedEvent } from './esdb-recorded-event';

/**
 * The port's catch-up-then-live subscription over the client's `$all` subscription.
 *
 * - Start: the server's catch-up subscription starts AFTER the given position (exclusive), which
 *   is the port's meaning too. Events at or before the last delivered position are still dropped
 *   here, so an event is never handed out twice even if the server were to repeat one.
 * - Backpressure: the client's subscription is a Node readable fed by `pipe` from the gRPC
 *   stream; iterating it with `for await` pulls one event at a time, and a full buffer pauses the
 *   gRPC stream (HTTP/2 flow control then holds the server back). Nothing here buffers.
 * - Close: cancels the gRPC call and destroys the readable; a pending iteration ends (done).
 */
export class EsdbAllSubscription implements AllSubscription {
  private closed = false;
  private iterated = false;
  private failure: Error | undefined;

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly fromPosition: string | undefined,
    private readonly onClose: () => void,
  ) {
    // Keeps an error raised before anyone iterates from crashing the process; it is
    // rethrown when the iteration starts.
    source.on('error', (error: Error) => {
      this.failure ??= error;
    });
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<RecordedEvent, void, undefined> {
    if (this.iterated) throw new Error('a subscription can be iterated only once');
    this.iterated = true;
    let last = this.fromPosition === undefined ? undefined : BigInt(this.fromPosition);
    try {
      if (this.failure !== undefined) throw this.failure;
      for await (const resolved of this.source) {
        if (this.closed) return;
        const event = resolved.event;
        if (event === undefined || isSystemEvent(event)) continue;
        const recorded = toRecordedEvent(event);
        const position = BigInt(recorded.position);
        if (last !== undefined && position <= last) continue;
        last = position;
        yield recorded;
        if (this.closed) return;
      }
    } catch (error) {
      if (this.closed) return;
      throw error;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
    await this.source.unsubscribe();
    this.source.destroy();
  }
}
