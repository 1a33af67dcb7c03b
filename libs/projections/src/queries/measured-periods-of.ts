import { ImprovementSubject } from '@app/domain';
import { OfferingTrendProjection } from '../projections/offering-trend.projection';
import { MeasuredPeriod } from '../projections/trend-fact';
import { ReadModelReader } from '../read-model/read-model-store';
import { readAll } from './read-all';

/**
 * The unretracted measured periods of `metric` on an improvement's subject, in period order,
 * from the trend's per-measurement read model: for an offering the series of every relationship
 * that measured it (by the offeringId index), for a relationship its own (keys start with
 * `<relationshipId>:<metric>:`).
 */
export async function measuredPeriodsOf(
  readModels: ReadModelReader,
  subject: ImprovementSubject,
  metric: string,
): Promise<MeasuredPeriod[]> {
  const found =
    'offeringId' in subject
      ? (
          await readAll<MeasuredPeriod>(readModels, OfferingTrendProjection.NAME, 'measurements', {
            offeringId: subject.offeringId,
          })
        ).filter((m) => m.metric === metric)
      : await readAll<MeasuredPeriod>(
          readModels,
          OfferingTrendProjection.NAME,
          'measurements',
          {},
          { keyPrefix: `${subject.relationshipId}:${metric}:` },
        );
  return found.sort(
    (a, b) =>
      Date.parse(a.period.start) - Date.parse(b.period.start) ||
      a.measurementId.localeCompare(b.measurementId),
  );
}
