import { statfs } from 'node:fs/promises';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { LEDGER_CONFIG, LedgerConfig } from '@app/config';
import { EVENT_STORE, EventStore, StoreHealth, storeFailureReason } from '@app/event-store';
import { ProjectionReport, ProjectionRuntime } from '@app/projections';
import { HealthConditions } from './health-conditions';

/** Below this much free space on the data dir's file system the ledger cannot append safely. */
export const MIN_FREE_BYTES = 16 * 1024 * 1024;
/** The concern a full disk is raised under (by the store's write path) and reported as. */
export const DISK = 'disk';

/**
 * One terminus indicator per reason `/health/ready` can say no (SPEC: store unreachable, disk
 * full, a projection failed, projections lagging over LEDGER_READY_MAX_LAG), plus the
 * conditions other parts of the API raise (see HealthConditions).
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly conditions: HealthConditions,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Optional() private readonly projections?: ProjectionRuntime,
  ) {}

  /** Every check of readiness, for HealthCheckService.check. */
  all(): (() => Promise<HealthIndicatorResult>)[] {
    const checks = [() => this.storeCheck(), () => this.diskCheck()];
    if (this.projections)
      checks.push(
        () => this.projectionsCheck(),
        () => this.lagCheck(),
      );
    for (const concern of this.conditions.current().keys()) {
      if (concern !== DISK) checks.push(async () => this.conditionCheck(concern));
    }
    return checks;
  }

  async storeCheck(): Promise<HealthIndicatorResult> {
    const store = await this.store.health().catch((error: unknown): StoreHealth => ({
      kind: this.config.eventStore,
      reachable: false,
      detail: storeFailureReason(error),
    }));
    const session = this.indicators.check('store');
    return store.reachable
      ? session.up({ kind: store.kind, reachable: true })
      : session.down({
          kind: store.kind,
          reachable: false,
          message: `the ${store.kind} store is unreachable${store.detail ? `: ${store.detail}` : ''}`,
        });
  }

  async diskCheck(): Promise<HealthIndicatorResult> {
    const session = this.indicators.check(DISK);
    const stats = await statfs(this.config.dataDir).catch(() => undefined);
    const freeBytes = stats ? stats.bavail * stats.bsize : null;
    // An append that found the disk full says so at once, before the free space shows it.
    const raised = this.conditions.current().get(DISK);
    if (raised !== undefined) return session.down({ freeBytes, message: raised });
    return freeBytes === null || freeBytes >= MIN_FREE_BYTES
      ? session.up({ freeBytes })
      : session.down({ freeBytes, message: 'the disk of the data dir is full' });
  }

  async projectionsCheck(): Promise<HealthIndicatorResult> {
    const reports = await this.projectionReports();
    const failed = reports.filter((report) => report.status === 'failed');
    const retrying = reports.filter((report) => report.status === 'retrying');
    const session = this.indicators.check('projections');
    if (failed.length === 0 && retrying.length === 0) return session.up({ projections: reports });
    return session.down({
      projections: reports,
      message: [
        ...failed.map(({ name, failure }) =>
          failure
            ? `projection ${name} failed at position ${failure.position} (${failure.type}): ${failure.error}`
            : `projection ${name} failed`,
        ),
        // One line for all: they share the read-model file and retry together.
        ...(retrying.length > 0
          ? [
              `projections ${retrying.map((r) => r.name).join(', ')} retrying since ${retrying[0].retrying?.since ?? '?'}: ${retrying[0].retrying?.reason ?? 'unknown'}`,
            ]
          : []),
      ].join('; '),
    });
  }

  async lagCheck(): Promise<HealthIndicatorResult> {
    const reports = await this.projectionReports();
    const max = this.config.readyMaxLag;
    const behind = reports.filter((report) => report.lag !== null && Number(report.lag) > max);
    const worst = Math.max(0, ...reports.map((report) => Number(report.lag ?? 0)));
    const session = this.indicators.check('lag');
    if (behind.length === 0) return session.up({ maxLag: max, lag: worst });
    return session.down({
      maxLag: max,
      lag: worst,
      message: `projections behind the log by more than LEDGER_READY_MAX_LAG (${max}) events: ${behind
        .map(({ name, lag }) => `${name} ${lag}`)
        .join(', ')}`,
    });
  }

  conditionCheck(concern: string): HealthIndicatorResult {
    const reason = this.conditions.current().get(concern);
    const session = this.indicators.check(concern);
    return reason === undefined ? session.up() : session.down({ message: reason });
  }

  private projectionReports(): Promise<ProjectionReport[]> {
    return this.projections ? this.projections.reports() : Promise.resolve([]);
  }
}
