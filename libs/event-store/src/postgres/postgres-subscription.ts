import type { AllSubscription } from '../event-store.port';
import type { RecordedEvent } from '../recorded-event';
import { isConnectionLostError } from '../store-unavailable.error';
import type { CommitListener } from './commit-listener';

/** Pause before reading again after a lost connection. */
const READ_RETRY_MS = 250;

/** Reads up to `limit` events after `afterPosition`, in log order. */
export type ReadPage = (afterPosition: string, limit: number) => Promise<readonly RecordedEvent[]>;

/**
 * Catch-up-then-live subscription to the whole log. It pulls a page only when the consumer has
 * taken the previous one. Catching up and being live are one loop: "read after the last
 * delivered position; if that was all, wait until a later position is committed". Because
 * positions are given out in commit order (the append lock), a read that sees position n has
 * seen every position below n, so resuming after the last delivered position never skips an
 * event. A page may come from this process's own commits instead of a query (see OwnCommits).
 */
export class PostgresSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  private page: readonly RecordedEvent[] = [];
  private index = 0;
  /**
   * Set after a short page: the log held nothing more when it was read, so the next read waits
   * until a position beyond the last delivered one is committed, or a wake-up that says nothing
   * of positions came after this count (taken before that read), instead of reading at once.
   */
  private caughtUpAt: number | undefined;
  private closed = false;
  /** Resolves on close(), ending a wait for the next commit. */
  private resolveClosed: () => void = () => undefined;
  private readonly closedSignal = new Promise<void>((resolve) => {
    this.resolveClosed = resolve;
  });

  constructor(
    private readonly readPage: ReadPage,
    private readonly listener: CommitListener,
    private afterPosition: string,
    private readonly pageSize: number,
    private readonly onClose: (subscription: PostgresSubscription) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    return this;
  }

  async next(): Promise<IteratorResult<RecordedEvent>> {
    for (;;) {
      if (this.closed) return { done: true, value: undefined };
      if (this.index < this.page.length) {
        const event = this.page[this.index];
        this.index += 1;
        return { done: false, value: event };
      }
      if (this.caughtUpAt !== undefined) {
        const caughtUpAt = this.caughtUpAt;
        this.caughtUpAt = undefined;
        await Promise.race([
          this.listener.waitBeyond(this.afterPosition, caughtUpAt),
          this.closedSignal,
        ]);
        continue;
      }
      // Taken before the read: a reconnection while the read runs makes the wait return.
      const seen = this.listener.unknown;
      const page = await this.readPage(this.afterPosition, this.pageSize).catch(
        (error: unknown) => {
          // The server dropped the connection (a restart, a failover): read again after a
          // pause, from the same position, rather than ending the subscriber.
          if (!isConnectionLostError(error)) throw error;
          return undefined;
        },
      );
      if (this.closed) return { done: true, value: undefined };
      if (page === undefined) {
        await Promise.race([pause(READ_RETRY_MS), this.closedSignal]);
        continue;
      }
      this.page = page;
      this.index = 0;
      if (page.length > 0) this.afterPosition = page[page.length - 1].position;
      if (page.length < this.pageSize) this.caughtUpAt = seen;
    }
  }

  /** Called by `for await` on `break`/`throw`: the subscription ends. */
  async return(): Promise<IteratorResult<RecordedEvent>> {
    await this.close();
    return { done: true, value: undefined };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.page = [];
    this.onClose(this);
    this.resolveClosed();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
