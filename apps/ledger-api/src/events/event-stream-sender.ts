import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { AllSubscription } from '@app/event-store';
import { sseMessage, streamedEvent } from './streamed-event';

/**
 * Sends one subscription to one client as server-sent events until either side stops.
 *
 * Backpressure: the subscription pulls (it reads the next page only when this loop asks), and
 * this loop asks only when the socket has taken the last message — when `write` says the
 * socket's buffer is full it waits for `drain`. So a slow client holds at most the socket's
 * buffer and one page of the subscription in memory, and slows only its own reads.
 */
export class EventStreamSender {
  private heartbeat: NodeJS.Timeout | undefined;
  /** Aborted by stop(): ends a wait for `drain`. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly response: ServerResponse,
    private readonly subscription: AllSubscription,
    private readonly heartbeatMs: number,
  ) {}

  /** Resolves when the stream has ended (client gone, subscription closed or stop()). */
  async run(): Promise<void> {
    this.response.on('close', () => void this.stop());
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    try {
      for await (const event of this.subscription) {
        if (this.stopping.signal.aborted) break;
        if (!this.response.write(sseMessage(streamedEvent(event))) && !(await this.drained())) {
          break;
        }
      }
    } finally {
      await this.stop();
    }
  }

  /** Ends the stream cleanly (the client sees the end of the body). Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopping.signal.aborted) return;
    this.stopping.abort();
    clearInterval(this.heartbeat);
    await this.subscription.close();
    if (!this.response.writableEnded) this.response.end();
  }

  /** Waits until the socket has room again; false when the stream stopped meanwhile. */
  private async drained(): Promise<boolean> {
    try {
      await once(this.response, 'drain', { signal: this.stopping.signal });
      return true;
    } catch {
      return false;
    }
  }

  /** A comment line keeps proxies and clients from timing the connection out. */
  private beat(): void {
    // Skipped while the socket is full: the client is not idle, it is slow.
    if (!this.response.writableNeedDrain) this.response.write(': heartbeat\n\n');
  }
}
