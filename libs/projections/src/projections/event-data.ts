import { LedgerEvent, LedgerEventType } from '@app/domain';
import { RecordedEvent } from '@app/event-store';

export type EventData<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>['data'];

/** The typed data of a stored event the runner routed by its type (the store keeps what decide made). */
export function dataOf<T extends LedgerEventType>(event: RecordedEvent, _type: T): EventData<T> {
  const data: unknown = event.data;
  return data as EventData<T>;
}
