import { EventMetadata } from './event-metadata';
import { JsonObject } from './json';

/** An event as a writer hands it to the store. `eventId` is a UUID chosen by the writer. */
export interface NewEvent {
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata;
}
