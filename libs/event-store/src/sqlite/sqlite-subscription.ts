import type { AllSubscription } from '../event-store.port';
import type { RecordedEvent } from '../recorded-event';
import type { CommitSignal } from './commit-signal';

/** Reads up to `limit` events after `afterPosition`, in log order. Synchronous (better-sqlite3). */
export type ReadPage = (afterPosition: number, limit: number) => RecordedEvent[];

/**
 * Catch-up-then-live subscription to the whole log. It pulls: a page is read only when the
 * consumer has taken everything of the previous one, so at most one page is held however slow
 * the consumer. Catching up and being live are the same loop: "read after the last delivered
 * position; if nothing, wait for the next commit". Events committed while catching up are
 * therefore read in order by a later page, and none twice.
 */
export class SqliteSubscription implements AllSubscription, AsyncIterator<RecordedEvent> {
  private page: RecordedEvent[] = [];
  private index = 0;
  private closed = false;
  /** Resolvers of next() calls waiting for a commit (one, unless a caller overlaps next()). */
  private waiting: (() => void)[] = [];
  private readonly stopListening: () => void;

  constructor(
    private readonly readPage: ReadPage,
    signal: CommitSignal,
    private afterPosition: number,
    private readonly pageSize: number,
    private readonly onClose: (subscription: SqliteSubscription) => void,
  ) {
    this.stopListening = signal.listen(() => this.wakeUp());
  }

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
      // The read and the registration of the waiter happen in one synchronous step, and
      // commits run synchronously too, so no commit can slip in between and be missed.
      this.page = this.readPage(this.afterPosition, this.pageSize);
      this.index = 0;
      if (this.page.length > 0) {
        this.afterPosition = Number(this.page[this.page.length - 1].position);
        continue;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
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
    this.stopListening();
    this.onClose(this);
    this.wakeUp();
  }

  private wakeUp(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const resolve of waiting) resolve();
  }
}
