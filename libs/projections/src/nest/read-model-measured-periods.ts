import { Inject, Injectable } from '@nestjs/common';
import { ImprovementSubject, MeasuredPeriod } from '@app/domain';
import { EVENT_STORE, EventStore } from '@app/event-store';
import { measuredPeriodsOf } from '../queries/measured-periods-of';
import { READ_MODEL_STORE, ReadModelReader } from '../read-model/read-model-store';
import { ProjectionRuntime } from './projection-runtime';

/**
 * The command side's reader of measured periods (its MeasuredPeriodsReader port, bound by the
 * composition root: this library does not know the command side), from the trend's per-measurement read model.
 * An offering's measurements lie in the streams of every relationship that provisions it, and
 * only a read model finds them without reading the whole log. It first waits until the projections
 * have processed the log's head as of the question, so the answer holds everything recorded
 * before the command (as reading the streams would), or the command fails with 503.
 */
@Injectable()
export class ReadModelMeasuredPeriods {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: ReadModelReader,
    private readonly projections: ProjectionRuntime,
  ) {}

  async read(subject: ImprovementSubject, metric: string): Promise<MeasuredPeriod[]> {
    await this.projections.awaitPosition(await this.store.headPosition());
    return (await measuredPeriodsOf(this.readModels, subject, metric)).map((p) => ({
      measurementId: p.measurementId,
      period: p.period,
      actual: p.actual,
    }));
  }
}
