import { Projection } from '../projection';

export interface ProjectionsOptions {
  /** The read models' SQLite file, e.g. `<dataDir>/read-models.db` (disposable). */
  readModelsFile: string;
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
