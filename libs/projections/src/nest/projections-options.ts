import { Projection } from '../projection';
import { ReadModelStore } from '../read-model/read-model-store';

export interface ProjectionsOptions {
  /** Opens the read models (the app chooses the adapter); the runtime closes them. */
  openReadModels: () => Promise<ReadModelStore>;
  /** Most events per transaction while catching up. */
  batchSize: number;
  /** Upper bound of a `?minPosition=` wait. */
  minPositionTimeoutMs: number;
  /** Breached periods in a row that make the ledger propose an improvement (LEDGER_BREACH_STREAK). */
  breachStreak?: number;
  /** The projections to run; default: every projection of the ledger. */
  projections?: Projection[];
}

export const PROJECTIONS_OPTIONS = Symbol('PROJECTIONS_OPTIONS');
