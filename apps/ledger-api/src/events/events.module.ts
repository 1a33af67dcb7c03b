import { Module } from '@nestjs/common';
import { EventStreamController } from './event-stream.controller';
import { EventStreams } from './event-streams';

/** `GET /v1/events/stream` (EVENT_STORE and LEDGER_CONFIG come from the global store module). */
@Module({ controllers: [EventStreamController], providers: [EventStreams] })
export class EventsModule {}
