import { Injectable, Logger } from '@nestjs/common';
import type { HealthCheckResult } from '@nestjs/terminus';

/**
 * Says in the log when readiness changes, not at every probe: a load balancer polls
 * `/health/ready` every few seconds, and a 503 is the answer it asks for while the ledger
 * cannot serve (disk low, store unreachable, a projection stopped) — expected operations, so a
 * warning, once when the ledger becomes not ready or a reason changes (counts aside), and one
 * line when it is ready again. The line names each failing check with the reason its answer
 * carries (written for operators: no stack, no path, no secret).
 */
@Injectable()
export class ReadinessLog {
  private readonly logger = new Logger('Health');
  /** The failing checks last logged; undefined while ready. */
  private failing: string | undefined;

  ready(): void {
    if (this.failing === undefined) return;
    this.failing = undefined;
    this.logger.log('ready again');
  }

  notReady(result: HealthCheckResult): void {
    if (result.status !== 'error') {
      if (this.failing !== 'shutting down') this.logger.log('not ready: shutting down');
      this.failing = 'shutting down';
      return;
    }
    const reasons = Object.entries(result.error ?? {}).map(([name, down]) => {
      const message: unknown = down?.message;
      return typeof message === 'string' ? `${name}: ${message}` : name;
    });
    // A lag or an event count changes at every poll: the state is the reasons without numbers.
    const failing = reasons.join('; ').replace(/\d+/g, '#');
    if (failing === this.failing) return;
    this.failing = failing;
    this.logger.warn(`not ready: ${reasons.join('; ')}`);
  }
}
