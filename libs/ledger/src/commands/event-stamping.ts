import { EVENT_SCHEMA_VERSIONS, isoInstant, LedgerEvent } from '@app/domain';
import { JsonObject, NewEvent } from '@app/event-store';
import { Clock } from '../clock';
import { CommandExecution } from './command-execution';

/**
 * The decided events as they are appended: ids from the command's ids (name-based under an
 * Idempotency-Key, so a retry names the same events), who and what caused them, when, the
 * schema version, and the request hash and key that let a retry find them after a crash.
 */
export class EventStamping {
  constructor(private readonly clock: Clock) {}

  stamp<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    events: Event[],
  ): NewEvent[] {
    return events.map((event, index) => this.toNewEvent(execution, event, index));
  }

  private toNewEvent<Command, Event extends LedgerEvent, State>(
    execution: CommandExecution<Command, Event, State>,
    event: Event,
    index: number,
  ): NewEvent {
    const { context, ids } = execution;
    const causationId = context.causationId ?? ids.id('command');
    return {
      eventId: ids.id(`event:${index}`),
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        actor: context.actor,
        correlationId: context.correlationId ?? causationId,
        causationId,
        recordedAt: isoInstant(this.clock.now().getTime()),
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        requestHash: context.requestHash,
        idempotencyKey: context.idempotencyKey,
      },
    };
  }
}
