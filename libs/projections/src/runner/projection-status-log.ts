import { ReadModelStore } from '../read-model/read-model-store';
import { ProjectionFailure } from './projection-report';
import { describe, RunnerLogger } from './runner-logger';

/** A failure's error is a message, but an exotic one could be long: what is kept of it. */
const MAX_ERROR_CHARS = 1_000;

/**
 * Records in the read models when a projection this runner drives starts running or fails, so a
 * process that only reads them (an API with LEDGER_PROJECTIONS=off) reports the failure on
 * `/health/ready` and `/v1/admin/projections` as the runner's own process does. Written once
 * per change, never per batch; in order (one write after the other); a write that fails is
 * logged and the projections go on (the status is a report, not their state).
 */
export class ProjectionStatusLog {
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly logger: RunnerLogger,
    private readonly now: () => string,
  ) {}

  running(name: string): void {
    this.record(name, 'running', null);
  }

  failed(name: string, failure: ProjectionFailure): void {
    this.record(name, 'failed', { ...failure, error: failure.error.slice(0, MAX_ERROR_CHARS) });
  }

  /** Resolves once every status asked for so far is written (or its failure logged). */
  settled(): Promise<void> {
    return this.tail;
  }

  private record(
    name: string,
    status: 'running' | 'failed',
    failure: ProjectionFailure | null,
  ): void {
    const updatedAt = this.now();
    this.tail = this.tail
      .then(() => this.readModels.recordStatus({ name, status, failure, updatedAt }))
      .catch((error: unknown) => {
        this.logger.warn(`projection ${name}: status ${status} not recorded: ${describe(error)}`);
      });
  }
}
