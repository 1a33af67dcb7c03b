import type { Client, Notification } from 'pg';
import { POSTGRES_CHANNEL } from './sql';

/** Waits before reconnecting a lost LISTEN connection: doubling from the first to the last. */
const RECONNECT_FIRST_MS = 100;
const RECONNECT_LAST_MS = 5_000;

/**
 * Wakes subscriptions when an append commits anywhere (this process or another): one
 * connection LISTENs on the channel every append NOTIFYs in its transaction, and PostgreSQL
 * delivers a notification only once that transaction has committed.
 *
 * `generation` counts notifications: a reader takes it before a read that finds nothing and
 * waits only if it is unchanged, so a commit landing between the read and the wait is not lost.
 *
 * A connection the server drops (a restart, a failover) is opened again, with backoff; every
 * waiter wakes once it listens again, so subscribers re-read after their last position and
 * miss nothing committed while nobody listened.
 */
export class CommitListener {
  generation = 0;
  private waiters: (() => void)[] = [];
  private stopped = false;
  private client: Client | undefined;
  private retry: NodeJS.Timeout | undefined;

  private constructor(private readonly openClient: () => Client) {}

  static async start(openClient: () => Client): Promise<CommitListener> {
    const listener = new CommitListener(openClient);
    await listener.listen();
    return listener;
  }

  /** Resolves at the next notification after `seen` (at once if one came already). */
  waitAfter(seen: number): Promise<void> {
    if (this.generation !== seen) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Releases every waiter (used on close). */
  wakeAll(): void {
    this.generation += 1;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
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
      if (message.channel === POSTGRES_CHANNEL) this.wakeAll();
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
