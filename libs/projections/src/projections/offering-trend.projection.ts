import { isServiceLevelBreach } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { DocumentSession } from '../read-model/read-model-store';
import { dataOf } from './event-data';
import { monthOf } from './month-of';

/** One offering's outcomes and warranty breaches in one calendar month (UTC). */
export interface OfferingMonth {
  offeringId: string;
  /** `YYYY-MM` of the events' `recordedAt`. */
  month: string;
  outputs: number;
  outcomes: number;
  measurements: number;
  breaches: number;
}

/** The monthly trend an improvement team watches: is value rising, are breaches falling? */
export class OfferingTrendProjection implements Projection {
  static readonly NAME = 'offering-trend';
  readonly name = OfferingTrendProjection.NAME;
  readonly version = 1;
  readonly handles = ['OutputDelivered', 'OutcomeRealized', 'ServiceLevelMeasured'] as const;
  readonly collections = [{ name: 'months' }] as const;

  apply(session: DocumentSession, event: RecordedEvent): void {
    const offeringId = (event.data as { offeringId?: string | null }).offeringId;
    if (!offeringId) return;
    const month = monthOf(event.metadata.recordedAt);
    const key = `${offeringId}:${month}`;
    const bucket = session.get<OfferingMonth>('months', key) ?? {
      offeringId,
      month,
      outputs: 0,
      outcomes: 0,
      measurements: 0,
      breaches: 0,
    };
    switch (event.type) {
      case 'OutputDelivered':
        bucket.outputs++;
        break;
      case 'OutcomeRealized':
        bucket.outcomes++;
        break;
      case 'ServiceLevelMeasured':
        bucket.measurements++;
        if (isServiceLevelBreach(dataOf(event, 'ServiceLevelMeasured'))) bucket.breaches++;
        break;
      default:
        return;
    }
    session.put('months', key, bucket);
  }
}
