import { ProjectionRetry } from './projection-report';
import { describe, RunnerLogger } from './runner-logger';

/** First pause before a read-model commit that failed for a passing reason is tried again. */
const RETRY_FIRST_DELAY_MS = 100;
/** Longest pause between two tries (the delay doubles up to it). */
const RETRY_MAX_DELAY_MS = 5_000;

/**
 * Whether the read models cannot be written for a passing reason (a full disk) and since when:
 * the subscription loop records each failed try, the batch commit the first that succeeds.
 */
export class WriteRetry {
  current: ProjectionRetry | undefined;

  constructor(
    private readonly logger: RunnerLogger,
    private readonly now: () => string,
  ) {}

  failed(error: unknown): void {
    this.current = {
      reason: `the read models cannot be written: ${describe(error)}`,
      attempts: (this.current?.attempts ?? 0) + 1,
      since: this.current?.since ?? this.now(),
    };
  }

  /** The pause before the next try: doubling from the first, up to the longest. */
  delayMs(): number {
    const attempts = this.current?.attempts ?? 1;
    return Math.min(RETRY_MAX_DELAY_MS, RETRY_FIRST_DELAY_MS * 2 ** (attempts - 1));
  }

  succeeded(): void {
    if (!this.current) return;
    this.logger.log(`projections: read models written again after ${this.current.attempts} tries`);
    this.current = undefined;
  }
}
