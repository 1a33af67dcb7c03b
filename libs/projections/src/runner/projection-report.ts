/** Why a projection stopped: the event it could not apply and the error. */
export interface ProjectionFailure {
  position: string;
  eventId: string;
  type: string;
  error: string;
  at: string;
}

/** A commit that failed for a passing reason, retried with backoff. */
export interface ProjectionRetry {
  reason: string;
  attempts: number;
  since: string;
}

/** A rebuild aside (a new generation) and how far it got. */
export interface RebuildProgress {
  status: 'running' | 'completed' | 'failed';
  generation: number;
  position: string | null;
  eventsApplied: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

/** What `/health` and `GET /v1/admin/projections` show for each projection. */
export interface ProjectionReport {
  name: string;
  version: number;
  generation: number;
  /**
   * `live` once at the head of the log; `failed` stops only this projection; `retrying` while
   * the read models cannot be written for a reason that passes (a full disk): the batch is
   * tried again with backoff, from the last checkpoint, until it commits.
   */
  status: 'catching-up' | 'live' | 'retrying' | 'failed';
  checkpoint: string | null;
  eventsApplied: number;
  /**
   * Events behind the head of the log (position difference; exact for the embedded store);
   * null while the store cannot be reached.
   */
  lag: string | null;
  failure: ProjectionFailure | null;
  /** Why the read models cannot be written now (status `retrying`), else null. */
  retrying: ProjectionRetry | null;
  rebuild: RebuildProgress | null;
}
