import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { setImmediate as yieldToRequests } from 'node:timers/promises';
import { CLOCK, Clock } from '../clock';
import { IDEMPOTENCY_STORE, IdempotencyStore } from './idempotency-store.port';

export const IDEMPOTENCY_RETENTION_DAYS = Symbol('IDEMPOTENCY_RETENTION_DAYS');
export const DEFAULT_IDEMPOTENCY_RETENTION_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often expired keys are looked for. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Keys deleted per statement; requests run between two batches. */
const PRUNE_BATCH = 500;

/**
 * Forgets Idempotency-Keys older than the retention, at start and then hourly, a small batch
 * at a time with the event loop free between batches, so pruning never holds up a request.
 */
@Injectable()
export class IdempotencyPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private stopped = false;

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(IDEMPOTENCY_RETENTION_DAYS) private readonly retentionDays: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.pruneNow(), PRUNE_EVERY_MS);
    this.timer.unref();
    void this.pruneNow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Deletes every expired key (one run at a time); answers how many. */
  pruneNow(): Promise<number> {
    this.running ??= this.prune().finally(() => (this.running = undefined));
    return this.running;
  }

  private async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.retentionDays * DAY_MS).toISOString();
    let total = 0;
    try {
      for (;;) {
        const pruned = await this.store.prune(before, PRUNE_BATCH);
        total += pruned;
        if (pruned < PRUNE_BATCH || this.stopped) return total;
        await yieldToRequests();
      }
    } catch (error) {
      // A full disk or a closed store: the next run tries again.
      this.logger.warn(`pruning expired idempotency keys failed: ${(error as Error).message}`);
      return total;
    }
  }
}
