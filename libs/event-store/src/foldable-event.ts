import type { EventMetadata } from './event-metadata';
import type { JsonObject } from './json';

/**
 * An event as a fold needs it (see {@link EventStore.readStreamForFold}): where it sits, its
 * type, its data and the schema version of that data; not its ids nor its link in the hash
 * chain. The rest of its metadata is read only when asked for: an upcaster of an older schema
 * version may need `actor` or `recordedAt`, a current event never does.
 */
export interface FoldableEvent {
  revision: number;
  /** As {@link RecordedEvent.position}. */
  position: string;
  type: string;
  data: JsonObject;
  /** `metadata.schemaVersion` as stored (undefined when it has none). */
  schemaVersion: unknown;
  /** The whole metadata, as {@link RecordedEvent.metadata}; may be read on access. */
  readonly metadata: EventMetadata & { recordedAt: string };
}
