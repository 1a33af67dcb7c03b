import { LedgerEvent, LedgerEventType, upcastEventData } from '@app/domain';
import { RecordedEvent } from '@app/event-store';

export type EventData<T extends LedgerEventType> = Extract<LedgerEvent, { type: T }>['data'];

/**
 * The typed data of a stored event the runner routed by its type (the store keeps what decide
 * made), in the current shape: data of an older schema version is upcast on read.
 */
export function dataOf<T extends LedgerEventType>(event: RecordedEvent, type: T): EventData<T> {
  return upcastEventData(type, event.data, event.metadata) as EventData<T>;
}
