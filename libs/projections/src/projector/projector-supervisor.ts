import { Projection } from '../projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { describe, RunnerLogger } from '../runner/runner-logger';
import { ProjectionOwnership } from './projection-ownership.port';

export interface ProjectorSupervisorOptions {
  ownership: ProjectionOwnership;
  projections: readonly Projection[];
  /** A runner for the projections this process owns; `withFeed`: it also feeds the EventBus. */
  createRunner(projections: readonly Projection[], withFeed: boolean): ProjectionRunner;
  /**
   * The projection whose owner also runs the EventBus feed, hence the saga: the saga reacts to
   * that projection's triggers, so both stay in one process. Undefined: no feed.
   */
  feedWith?: string;
  /** Pause between two claims while some projection is owned by another projector. */
  standbyPollMs: number;
  logger: RunnerLogger;
  /** The locks went with their connection: this process must not write any more. */
  onLost(): void;
}

/**
 * Runs the projections this projector owns and claims the others again and again while another
 * projector owns them (standby): when that one dies its locks go, and the next claim takes them
 * over. Each change of what it owns restarts the runner over the owned set, from the shared
 * checkpoints, so nothing is applied twice or skipped.
 */
export class ProjectorSupervisor {
  private runner: ProjectionRunner | undefined;
  private owned: ReadonlySet<string> = new Set();
  private timer: NodeJS.Timeout | undefined;
  private claiming: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(private readonly options: ProjectorSupervisorOptions) {}

  async start(): Promise<void> {
    this.options.ownership.onLost(() => void this.lost());
    this.claiming = this.claim();
    await this.claiming;
    if (this.owned.size === 0) {
      this.options.logger.log('projector: standby; other projectors own every projection');
    }
    this.schedule();
  }

  /** The runner of the owned projections (none while standby). */
  current(): ProjectionRunner | undefined {
    return this.runner;
  }

  ownedNames(): ReadonlySet<string> {
    return this.owned;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.claiming;
    await this.runner?.stop();
    await this.options.ownership.release();
  }

  private schedule(): void {
    if (this.stopping || this.owned.size === this.options.projections.length) return;
    this.timer = setTimeout(() => {
      this.claiming = this.claim().finally(() => this.schedule());
    }, this.options.standbyPollMs);
  }

  private async claim(): Promise<void> {
    const { ownership, projections, logger, feedWith } = this.options;
    let held: ReadonlySet<string>;
    try {
      held = await ownership.claim(projections.map((p) => p.name));
    } catch (error) {
      logger.error(`projector: cannot claim projections: ${describe(error)}`);
      return;
    }
    if (this.stopping || held.size === this.owned.size) return;
    const taken = [...held].filter((name) => !this.owned.has(name));
    const standby = projections.filter((p) => !held.has(p.name)).map((p) => p.name);
    logger.log(
      `projector: owns ${taken.join(', ')}` +
        (standby.length > 0 ? `; standby for ${standby.join(', ')}` : ''),
    );
    await this.runner?.stop();
    this.owned = held;
    const owned = projections.filter((p) => held.has(p.name));
    this.runner = this.options.createRunner(owned, feedWith !== undefined && held.has(feedWith));
    await this.runner.start();
  }

  private async lost(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearTimeout(this.timer);
    this.options.logger.error('projector: lost the projection locks; stopping its projections');
    await this.runner?.stop();
    this.runner = undefined;
    this.owned = new Set();
    this.options.onLost();
  }
}
