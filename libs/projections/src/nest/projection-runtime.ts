import { isPosition } from '../position';
import { ReadModelStore } from '../read-model/read-model-store';
import { ProjectionReport, RebuildProgress } from '../runner/projection-report';
import { ProjectionsBehind } from './projections-behind.error';

/**
 * The read side as the routes and the command side see it, whoever runs the projections: this
 * process (inline), a projector process (this one only reads), or this projector (the ones it
 * owns). Nest injects the implementation ProjectionsModule picks.
 */
export abstract class ProjectionRuntime {
  abstract readonly readModels: ReadModelStore;

  abstract reports(): Promise<ProjectionReport[]>;

  abstract has(name: string): boolean;

  abstract rebuild(name: string): RebuildProgress;

  /** The lowest position every projection has processed (undefined before any). */
  abstract processedPosition(): string | undefined;

  /** Upper bound of a `?minPosition=` wait. */
  protected abstract readonly minPositionTimeoutMs: number;

  /** Resolves true once every projection has processed `position`, false after `timeoutMs`. */
  protected abstract waitFor(position: string, timeoutMs: number): Promise<boolean>;

  /**
   * Read-your-writes: resolves once every projection has processed `minPosition`; after the
   * configured bound throws {@link ProjectionsBehind} (503).
   */
  async awaitPosition(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (!isPosition(minPosition)) throw new RangeError(`not a position: ${minPosition}`);
    const timeout = this.minPositionTimeoutMs;
    if (await this.waitFor(minPosition, timeout)) return;
    throw new ProjectionsBehind(minPosition, this.processedPosition() ?? null, timeout);
  }
}
