import { Injectable } from '@nestjs/common';

/**
 * Commands the ledger runs on its own (from sagas) that are still in flight. The EventBus feed
 * waits for them before it moves its checkpoint, so a restart never skips a reaction it had
 * not finished.
 */
@Injectable()
export class SystemProposals {
  private readonly inFlight = new Set<Promise<unknown>>();

  track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Resolves when nothing is in flight (failures included: they are logged where they happen). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}
