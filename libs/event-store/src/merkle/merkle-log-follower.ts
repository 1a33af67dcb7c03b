import type { AllSubscription, EventStore } from '../event-store.port';
import type { FollowedEvent, FollowedTreeStore } from './followed-tree.port';

/** Most events per tree transaction while catching up. */
const BATCH = 1000;

/**
 * Keeps a Merkle log of a store whose appends cannot update the tree themselves: a
 * catch-up-then-live subscription from the checkpoint the tree store keeps (the position of
 * its last leaf and the tree size), adding leaves in batches, each batch atomic with its
 * checkpoint. After a crash it resumes from the checkpoint, so no event is added twice or
 * skipped. The tree trails the log by the subscription's lag; its size says what it covers.
 * When the store or the tree fails (a server not reachable yet, a disk error) it reports the
 * error and starts again from the stored checkpoint after `retryMs`.
 */
export class MerkleLogFollower {
  private subscription: AllSubscription | undefined;
  private running: Promise<void> | undefined;
  private pending: FollowedEvent[] = [];
  private failure: Error | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly store: EventStore,
    private readonly tree: FollowedTreeStore,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly retryMs = 5000,
  ) {}

  start(): void {
    if (this.running || this.closed) return;
    this.failure = undefined;
    this.pending = [];
    const subscription = this.store.subscribeToAll({
      fromPosition: this.tree.checkpoint().position,
    });
    this.subscription = subscription;
    this.running = this.follow(subscription).then(() => this.restartAfterFailure());
  }

  /** Resolves once the tree covers `position` (a position the store has answered). */
  async waitFor(position: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.covers(position)) {
      if (Date.now() > deadline) {
        const why = this.failure ? ` (${this.failure.message})` : '';
        throw new Error(`the Merkle log did not reach position ${position}${why}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.subscription?.close();
    await this.running;
    this.flush();
  }

  private restartAfterFailure(): void {
    if (this.failure === undefined || this.closed) return;
    this.retry = setTimeout(() => {
      this.running = undefined;
      this.start();
    }, this.retryMs);
    this.retry.unref();
  }

  private covers(position: string): boolean {
    const covered = this.tree.checkpoint().position;
    return covered !== undefined && BigInt(covered) >= BigInt(position);
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    try {
      let scheduled: NodeJS.Immediate | undefined;
      for await (const event of subscription) {
        this.pending.push({ position: event.position, hash: event.hash });
        if (this.pending.length >= BATCH) this.flush();
        // Live: a lone event is added as soon as the delivery in progress is through.
        scheduled ??= setImmediate(() => {
          scheduled = undefined;
          this.flush();
        });
      }
      if (scheduled) clearImmediate(scheduled);
    } catch (error) {
      this.failure = asError(error);
      this.onError(error);
    }
  }

  private flush(): void {
    if (this.pending.length === 0 || this.failure !== undefined) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.tree.addBatch(batch);
    } catch (error) {
      // Stop: the next start resumes from the stored checkpoint, before this batch.
      this.failure = asError(error);
      this.onError(error);
      void this.subscription?.close();
    }
  }
}

function asError(error: unknown): Error {
  return error instanceof Error
    ? error
    : new Error(`the Merkle log follower failed: ${String(error)}`);
}
