import type { Client, Notification } from 'pg';
import { POSTGRES_CHANNEL } from './sql';

/**
 * Wakes subscriptions when an append commits anywhere (this process or another): one
 * connection LISTENs on the channel every append NOTIFYs in its transaction, and PostgreSQL
 * delivers a notification only once that transaction has committed.
 *
 * `generation` counts notifications: a reader takes it before a read that finds nothing and
 * waits only if it is unchanged, so a commit landing between the read and the wait is not lost.
 */
export class CommitListener {
  generation = 0;
  private waiters: (() => void)[] = [];

  private constructor(private readonly client: Client) {
    client.on('notification', (message: Notification) => {
      if (message.channel === POSTGRES_CHANNEL) this.wakeAll();
    });
    // A lost connection ends no subscription silently: waiters wake and read once more.
    client.on('error', () => this.wakeAll());
  }

  static async start(client: Client): Promise<CommitListener> {
    await client.connect();
    await client.query(`LISTEN ${POSTGRES_CHANNEL}`);
    return new CommitListener(client);
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
    this.wakeAll();
    await this.client.end().catch(() => undefined);
  }
}
