interface WaitingCommit {
  durable: () => void;
  failed: (error: unknown) => void;
}

/**
 * Group fsync, behind the group commit: a commit made while an fsync runs waits for the next
 * one (the running one may have started before the commit wrote), and that next one covers
 * every commit made meanwhile. Commits become durable in commit order.
 *
 * A failed fsync fails every commit waiting and every later one: once an fsync has failed the
 * kernel may have dropped the dirty pages, so what is on disk is unknown and retrying proves
 * nothing (PostgreSQL stops for the same reason). The store acknowledges no write after that
 * until it is opened again.
 */
export class GroupSync {
  private waiting: WaitingCommit[] = [];
  private running: Promise<void> | undefined;
  /** Run once the running fsync completed, before the next one starts. */
  private afterRunning: (() => void)[] = [];
  /** Set by the first failed fsync, for good. */
  failure: Error | undefined;

  constructor(private readonly sync: () => Promise<void>) {}

  /** A commit just returned: `durable` runs once an fsync started after it completed. */
  afterCommit(durable: () => void, failed: (error: unknown) => void): void {
    if (this.failure) {
      failed(this.failure);
      return;
    }
    this.waiting.push({ durable, failed });
    if (!this.running) this.start();
  }

  /** Runs `next` once the fsync running now completed; at once when none runs. */
  afterRunningSync(next: () => void): void {
    if (this.running) this.afterRunning.push(next);
    else next();
  }

  /** Resolves once no commit waits for an fsync. */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  private start(): void {
    const group = this.waiting;
    this.waiting = [];
    this.running = this.syncFor(group).then(() => {
      this.running = undefined;
      const next = this.afterRunning;
      this.afterRunning = [];
      for (const run of next) run();
      if (this.waiting.length > 0 && !this.running) this.start();
    });
  }

  /** The callbacks only settle promises and wake subscriptions: they do not throw. */
  private async syncFor(group: readonly WaitingCommit[]): Promise<void> {
    try {
      await this.sync();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.failure = new Error(
        `the event store could not make its commits durable (${reason}); reopen it`,
      );
      const failing = [...group, ...this.waiting];
      this.waiting = [];
      for (const commit of failing) commit.failed(this.failure);
      return;
    }
    for (const commit of group) commit.durable();
  }
}
