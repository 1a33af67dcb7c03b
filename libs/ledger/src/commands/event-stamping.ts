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
    const { context, ids } = execution;
    // Once per command: its events share who caused them and when (a fresh id per event
    // would name a different command for each event of one command without a key).
    const causationId = context.causationId ?? ids.id('command');
    const shared = {
      actor: context.actor,
      correlationId: context.correlationId ?? causationId,
      causationId,
      recordedAt: isoInstant(this.clock.now().getTime()),
    };
    return events.map((event, index) => ({
      eventId: ids.id(`event:${index}`),
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        ...shared,
        schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
        requestHash: context.requestHash,
        idempotencyKey: context.idempotencyKey,
      },
    }));
  }
}
