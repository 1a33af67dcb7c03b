import { Logger, LoggerService } from '@nestjs/common';

/**
 * Terminus logs every unhealthy check at error. A 503 from `/health/ready` is the answer a load
 * balancer asks for while the ledger cannot take writes (disk low, store unreachable, a
 * projection stopped): the ledger reports the condition itself where it arises, so the probe's
 * answer is a warning, not an error that pages someone at every poll.
 */
export class HealthCheckLogger implements LoggerService {
  private readonly logger = new Logger('Health');

  log(message: unknown): void {
    this.logger.log(message);
  }
  warn(message: unknown): void {
    this.logger.warn(message);
  }
  error(message: unknown): void {
    this.logger.warn(message);
  }
}
