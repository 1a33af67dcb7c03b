import type { Client, Notification } from 'pg';
import { POSTGRES_CHANNEL } from './sql';

/** Waits before reconnecting a lost LISTEN connection: doubling from the first to the last. */
const RECONNECT_FIRST_MS = 100;
const RECONNECT_LAST_MS = 5_000;
/** A payload that is a position. */
const POSITION = /^\d{1,19}$/;

/**
 * Wakes subscriptions when an append commits anywhere (this process or another): one
 * connection LISTENs on the channel every append NOTIFYs in its transaction, and PostgreSQL
 * delivers a notification only once that transaction has committed, in commit order. Its
 * payload is the last position the group stored: `head` is the highest so far, and a
 * subscriber waits for one beyond its own last position (`waitBeyond`), so the notification
 * of a group it already took (its own process's, handed over, see OwnCommits) wakes nobody.
 * This process's groups advance `head` as soon as they commit (`committed`).
 *
 * `generation` counts wake-ups (SharedPageReads shares a page only within one). `unknown`
 * counts the wake-ups that say nothing of positions (a payload that is not one, a new LISTEN
 * connection, close): a reader takes it before a read and such a wake-up after it makes the
 * wait return, so a commit landing between the read and the wait is never lost.
 *
 * A connection the server drops (a restart, a failover) is opened again, with backoff; every
 * waiter wakes once it listens again, so subscribers re-read after their last position and
 * miss nothing committed while nobody listened.
 */
export class CommitListener {
  generation = 0;
  unknown = 0;
  /** The highest position known committed (0: none seen yet). */
  private head = 0n;
  private waiters: { beyond: bigint; wake: () => void }[] = [];
  private stopped = false;
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;

  private constructor(private readonly openClient: () => Client) {}

  static async start(openClient: () => Client): Promise<CommitListener> {
    const listener = new CommitListener(openClient);
    await listener.listen();
    return listener;
  }

  /**
   * Resolves once a position beyond `position` is known committed, or at a wake-up that says
   * nothing of positions after `seenUnknown` (at once if either came already).
   */
  waitBeyond(position: string, seenUnknown: number): Promise<void> {
    const beyond = BigInt(position);
    if (this.head > beyond || this.unknown !== seenUnknown) return Promise.resolve();
    return new Promise((wake) => this.waiters.push({ beyond, wake }));
  }

  /** Every position up to `position` is committed: wakes the waiters it takes beyond theirs. */
  committed(position: string): void {
    const committed = BigInt(position);
    this.generation += 1;
    if (committed <= this.head) return;
    this.head = committed;
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) {
      if (waiter.beyond < committed) waiter.wake();
      else this.waiters.push(waiter);
    }
  }

  /** Releases every waiter (a wake-up that says nothing of positions; also used on close). */
  wakeAll(): void {
    this.generation += 1;
    this.unknown += 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    this.wakeAll();
    await this.client?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = this.openClient();
    // Without a listener, a lost connection's 'error' would end the process.
    client.on('error', () => this.lost(client));
    client.on('notification', (message: Notification) => {
      if (message.channel !== POSTGRES_CHANNEL) return;
      // ledger_append's payload is the group's last position; anything else wakes everyone.
      if (message.payload !== undefined && POSITION.test(message.payload)) {
        this.committed(message.payload);
      } else {
        this.wakeAll();
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${POSTGRES_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    this.client = client;
  }

  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => undefined);
    this.reconnect(RECONNECT_FIRST_MS);
  }

  private reconnect(delayMs: number): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.listen().then(
        () => (this.stopped ? this.client?.end().catch(() => undefined) : this.wakeAll()),
        () => this.reconnect(Math.min(delayMs * 2, RECONNECT_LAST_MS)),
      );
    }, delayMs);
    this.retry.unref();
  }
}
