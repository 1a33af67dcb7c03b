import { isAtOrBefore, positionsBehind } from '../position';
import { Projection } from '../projection';
import {
  ProjectionCheckpoint,
  ProjectionStatus,
  ReadModelStore,
} from '../read-model/read-model-store';
import { lowest } from '../runner/live-slots';
import { PositionWaiters } from '../runner/position-waiters';
import { ProjectionReport } from '../runner/projection-report';
import { CheckpointSignal } from './checkpoint-signal';

export interface CheckpointWatcherOptions {
  readModels: ReadModelStore;
  projections: readonly Projection[];
  /** Wakes the watcher when a projector commits (PostgreSQL); without it, it polls. */
  signal?: CheckpointSignal;
  /** Pause between two reads of the checkpoints while someone waits for a position. */
  waitPollMs: number;
  /** Pause between two reads otherwise (new generations, reports). */
  idlePollMs: number;
}

/**
 * The read side of a process that runs no projection (or not all of them): it follows the
 * checkpoints a projector commits in the shared read models and answers `?minPosition=` waits
 * and reports from them.
 */
export class CheckpointWatcher {
  private readonly latest = new Map<string, ProjectionCheckpoint>();
  private readonly waiters = new PositionWaiters((position) => this.reached(position));
  /** Counts the signalled commits; `signalledAt` says at which count each name last moved. */
  private signals = 0;
  private readonly signalledAt = new Map<string, number>();
  /** The refresh running now; a refresh asked meanwhile runs once after it. */
  private refreshing: Promise<void> | undefined;
  private again = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private waitTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CheckpointWatcherOptions) {}

  async start(): Promise<void> {
    await this.refresh();
    this.idleTimer = setInterval(() => void this.refresh(), this.options.idlePollMs);
    this.idleTimer.unref();
    this.options.signal?.listen((committed) =>
      committed ? this.committed(committed) : void this.refresh(),
    );
  }

  async stop(): Promise<void> {
    clearInterval(this.idleTimer);
    clearTimeout(this.waitTimer);
    this.waiters.cancelAll();
    await this.refreshing;
    await this.options.signal?.close();
  }

  /** Resolves true once every projection's checkpoint is at `position`, false after `timeoutMs`. */
  async waitFor(position: string, timeoutMs: number): Promise<boolean> {
    await this.refresh();
    const reached = this.waiters.waitFor(position, timeoutMs);
    this.pollWhileWaiting();
    return reached;
  }

  processedPosition(): string | undefined {
    return lowest(this.options.projections.map((p) => this.latest.get(p.name)?.position));
  }

  has(name: string): boolean {
    return this.options.projections.some((p) => p.name === name);
  }

  /**
   * What the checkpoints tell, and a failure the projector recorded (`statuses`); a retry or a
   * rebuild is known to the projector only.
   */
  reports(
    head: string | undefined | null,
    statuses: readonly ProjectionStatus[] = [],
  ): ProjectionReport[] {
    return this.options.projections.map((projection) => {
      const checkpoint = this.latest.get(projection.name);
      const lag = head === null ? null : positionsBehind(head, checkpoint?.position);
      const failure = statuses.find((s) => s.name === projection.name)?.failure ?? null;
      return {
        name: projection.name,
        version: checkpoint?.version ?? projection.version,
        generation: checkpoint?.generation ?? 0,
        status: failure ? 'failed' : lag === '0' ? 'live' : 'catching-up',
        checkpoint: checkpoint?.position ?? null,
        eventsApplied: checkpoint?.eventsApplied ?? 0,
        lag,
        failure,
        retrying: null,
        rebuild: null,
      };
    });
  }

  /**
   * Reads every checkpoint. Refreshes never overlap: one asked while another runs follows it,
   * once. (Queries need nothing from here: a store that did not publish a generation itself
   * reads the one the committed checkpoint names, so it follows a projector's swap at once.)
   */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = this.readCheckpoints()
      .catch(() => undefined) // an unreachable database: the next refresh tries again
      .finally(() => {
        this.refreshing = undefined;
        if (this.again) {
          this.again = false;
          void this.refresh();
        }
      });
    return this.refreshing;
  }

  /**
   * This process committed checkpoints (a projector's own batch): read them at once only when
   * someone waits for a position (or may be about to: a wait starts with a read); otherwise the
   * idle poll brings them, without a read per batch.
   */
  ownCommit(): void {
    if (this.waiters.size > 0 || this.refreshing) void this.refresh();
  }

  /**
   * A signalled commit: its checkpoints as committed, taken as they come (signals arrive in
   * commit order), with no read.
   */
  private committed(checkpoints: readonly ProjectionCheckpoint[]): void {
    this.signals += 1;
    for (const checkpoint of checkpoints) {
      if (!this.has(checkpoint.name)) continue;
      this.latest.set(checkpoint.name, checkpoint);
      this.signalledAt.set(checkpoint.name, this.signals);
    }
    this.waiters.notify();
  }

  private async readCheckpoints(): Promise<void> {
    const before = this.signals;
    for (const checkpoint of await this.options.readModels.checkpoints()) {
      if (!this.has(checkpoint.name)) continue;
      // Signalled while this read ran: the read may predate that commit, so the signal wins
      // (a later commit the read saw comes with its own signal).
      if ((this.signalledAt.get(checkpoint.name) ?? 0) > before) continue;
      this.latest.set(checkpoint.name, checkpoint);
    }
    this.waiters.notify();
  }

  private reached(position: string): boolean {
    return isAtOrBefore(position, this.processedPosition());
  }

  private pollWhileWaiting(): void {
    if (this.waitTimer || this.waiters.size === 0) return;
    this.waitTimer = setTimeout(() => {
      void this.refresh().then(() => {
        this.waitTimer = undefined;
        this.pollWhileWaiting();
      });
    }, this.options.waitPollMs);
  }
}
