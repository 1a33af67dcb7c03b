import { Projection } from '../projection';
import { ReadModelStore } from '../read-model/read-model-store';
import { CheckpointSignal } from '../projector/checkpoint-signal';
import { ProjectionOwnership } from '../projector/projection-ownership.port';

/**
 * Who runs the projections and the saga: `inline` (the embedded default) this process;
 * `reader` a projector process, this one only reads their read models (LEDGER_PROJECTIONS=off
 * on the API); `projector` this process, for the projections it owns.
 */
export type ProjectionsMode = 'inline' | 'reader' | 'projector';

export interface ProjectionsOptions {
  /** Opens the read models (the app chooses the adapter); the runtime closes them. */
  openReadModels: () => Promise<ReadModelStore>;
  /** Most events per batch while catching up (committed every few hundred: ProjectionSlot). */
  batchSize: number;
  /** Upper bound of a `?minPosition=` wait. */
  minPositionTimeoutMs: number;
  /** Breached periods in a row that make the ledger propose an improvement (LEDGER_BREACH_STREAK). */
  breachStreak?: number;
  /** The projections to run; default: every projection of the ledger. */
  projections?: Projection[];
  /** Default `inline`. */
  mode?: ProjectionsMode;
  /**
   * `inline`: the data dir's projector lock, taken by the app before it starts and held while
   * this process writes the read models (a projector waits meanwhile); released at shutdown.
   */
  projectorLock?: { release(): void | Promise<void> };
  /** `projector`: the locks that say which projections this process owns. */
  ownership?: () => Promise<ProjectionOwnership>;
  /** `reader`, `projector`: wakes on a projector's commits (PostgreSQL); none: poll. */
  checkpointSignal?: () => Promise<CheckpointSignal | undefined>;
  /** `projector`: pause between two claims while standby. Default 1000 ms. */
  standbyPollMs?: number;
}

export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');
