import { isServiceLevelBreach } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { dataOf } from './event-data';
import { MeasurementV2Fields } from './v2-event-data';

/** Whether a measurement breached: stored on v2 events (judged by the domain), derived for older ones. */
export function breachedOf(event: RecordedEvent): boolean {
  const data = dataOf(event, 'ServiceLevelMeasured') as ReturnType<
    typeof dataOf<'ServiceLevelMeasured'>
  > &
    MeasurementV2Fields;
  return data.breached ?? isServiceLevelBreach(data);
}
