import { Inject, Injectable, Optional } from '@nestjs/common';
import {
  ImprovementSubject,
  MeasuredPeriod,
  offeringDecider,
  relationshipDecider,
  RuleViolated,
  streamIdOf,
  warrantyMetrics,
} from '@app/domain';
import { AggregateReader } from './aggregate-reader';
import { MEASURED_PERIODS, MeasuredPeriodsReader } from './measured-periods.port';

/**
 * What the improvement handler hands the domain when a baseline or actual is to be measured:
 * the subject's measured periods of the metric, or null when the metric is not a warranty
 * metric of the subject (an offering's, or one of an offering provisioned in the relationship).
 * The warranty comes from the offering streams; the periods from the MEASURED_PERIODS reader.
 */
@Injectable()
export class SubjectMeasurements {
  constructor(
    @Optional()
    @Inject(MEASURED_PERIODS)
    private readonly reader: MeasuredPeriodsReader | null = null,
  ) {}

  async of(
    subject: ImprovementSubject,
    metric: string,
    streams: AggregateReader,
  ): Promise<MeasuredPeriod[] | null> {
    if (!(await warrantyMetricsOf(subject, streams)).includes(metric)) return null;
    if (this.reader === null) {
      throw new RuleViolated(
        'measurements-unavailable',
        'this process reads no measurements (no read models): give the value',
      );
    }
    return this.reader.read(subject, metric);
  }
}

async function warrantyMetricsOf(
  subject: ImprovementSubject,
  streams: AggregateReader,
): Promise<string[]> {
  const offeringIds =
    'offeringId' in subject
      ? [subject.offeringId]
      : await provisionedOfferings(subject.relationshipId, streams);
  const metrics: string[] = [];
  for (const offeringId of offeringIds) {
    const state = await streams.state(streamIdOf('offering', offeringId), offeringDecider);
    metrics.push(...warrantyMetrics(state));
  }
  return metrics;
}

async function provisionedOfferings(
  relationshipId: string,
  streams: AggregateReader,
): Promise<readonly string[]> {
  const streamId = streamIdOf('relationship', relationshipId);
  const state = await streams.state(streamId, relationshipDecider);
  return state.status === 'unestablished' ? [] : [...state.provisionedOfferingIds.values()];
}
