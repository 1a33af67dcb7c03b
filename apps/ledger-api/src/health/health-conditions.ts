import { Injectable } from '@nestjs/common';

/**
 * Conditions other parts of the API raise when they find the ledger not ready, each under its
 * own concern (e.g. `disk` when an append found the disk full): `/health/ready` shows every
 * concern as one indicator, down with the reason while raised. Clearing it makes ready again.
 */
@Injectable()
export class HealthConditions {
  private readonly raised = new Map<string, string>();

  /** Marks `concern` down with a reason an operator can act on (no paths, no secrets). */
  down(concern: string, reason: string): void {
    this.raised.set(concern, reason);
  }

  up(concern: string): void {
    this.raised.delete(concern);
  }

  /** The raised conditions, by concern. */
  current(): ReadonlyMap<string, string> {
    return this.raised;
  }
}
