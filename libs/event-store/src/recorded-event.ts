import { EventMetadata } from './event-metadata';
import { JsonObject } from './json';

/** An event as the store gives it back, with where it sits and its link in the hash chain. */
export interface RecordedEvent {
  streamId: string;
  /** 0-based place in its stream. */
  revision: number;
  /** Global place in the log: opaque outside the adapter, a decimal string that orders numerically. */
  position: string;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: EventMetadata & { recordedAt: string };
  /** Same as `metadata.recordedAt`. */
  recordedAt: string;
  /** Hash of the event before it in the stream (64 zeros for revision 0). */
  previousHash: string;
  /** SHA-256 (hex) over the canonical encoding; see docs/integrity.md. */
  hash: string;
}
