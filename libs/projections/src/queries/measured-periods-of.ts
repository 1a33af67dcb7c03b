import { ImprovementSubject } from '@app/domain';
import { BreachStreaksProjection } from '../projections/breach-streaks.projection';
import { MeasuredSeries, measuredPeriodsIn } from '../projections/measured-series';
import { MeasuredPeriod } from '../projections/trend-fact';
import { ReadModelReader } from '../read-model/read-model-store';
import { readAll } from './read-all';

/**
 * The unretracted measured periods of `metric` on an improvement's subject, in period order,
 * from the measured series (one per relationship, offering and metric; the breach streaks keep
 * them): for an offering the series of every relationship that measured it (by the offeringId
 * index), for a relationship its own (keys start with `<relationshipId>:`).
 */
export async function measuredPeriodsOf(
  readModels: ReadModelReader,
  subject: ImprovementSubject,
  metric: string,
): Promise<MeasuredPeriod[]> {
  const series =
    'offeringId' in subject
      ? await readAll<MeasuredSeries>(readModels, BreachStreaksProjection.NAME, 'series', {
          offeringId: subject.offeringId,
        })
      : await readAll<MeasuredSeries>(
          readModels,
          BreachStreaksProjection.NAME,
          'series',
          {},
          { keyPrefix: `${subject.relationshipId}:` },
        );
  return series
    .filter((s) => s.metric === metric)
    .flatMap(measuredPeriodsIn)
    .sort(
      (a, b) =>
        Date.parse(a.period.start) - Date.parse(b.period.start) ||
        a.measurementId.localeCompare(b.measurementId),
    );
}
