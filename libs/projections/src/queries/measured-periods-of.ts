import { ImprovementSubject } from '@app/domain';
import {
  MeasuredPeriodDoc,
  MeasuredPeriodsProjection,
} from '../projections/measured-periods.projection';
import { ReadModelReader } from '../read-model/read-model-store';
import { readAll } from './read-all';

/** The unretracted measured periods of `metric` on a subject, in period order. */
export function measuredPeriodsOf(
  readModels: ReadModelReader,
  subject: ImprovementSubject,
  metric: string,
): MeasuredPeriodDoc[] {
  const where: Record<string, string> =
    'relationshipId' in subject
      ? { relationshipId: subject.relationshipId, metric }
      : { offeringId: subject.offeringId, metric };
  return readAll<MeasuredPeriodDoc>(
    readModels,
    MeasuredPeriodsProjection.NAME,
    'periods',
    where,
  ).sort(
    (a, b) =>
      Date.parse(a.period.start) - Date.parse(b.period.start) ||
      a.measurementId.localeCompare(b.measurementId),
  );
}
