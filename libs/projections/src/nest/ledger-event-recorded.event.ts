import { IEvent } from '@nestjs/cqrs';
import { RecordedEvent } from '@app/event-store';

/**
 * A durable event, as the in-process EventBus carries it. It is published only from the
 * store subscription, after the event is in the log and the read models of its batch are
 * committed — never by a command handler.
 */
export class LedgerEventRecorded implements IEvent {
  constructor(readonly recorded: RecordedEvent) {}
}
