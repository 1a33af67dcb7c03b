import { currentSchemaVersionOf, LedgerEventType, upcastEventData } from './ledger-event';
import { StoredEventMetadata, storedSchemaVersion } from './upcasting';

/** An event as a store holds it, structurally (any adapter's recorded event fits). */
export interface StoredEventShape {
  type: string;
  data: unknown;
  metadata: StoredEventMetadata;
}

/**
 * The whole stored event in the current shape, for readers that pass events on (the
 * projections' batching reader, whose projections and sagas then see one shape): a copy with
 * its data upcast and its metadata's `schemaVersion` the current one. An event already current
 * (or of a type the ledger does not know) is returned as is, the same object. Stored events are
 * never rewritten, and the hash chain is checked on what is stored, never on this copy.
 */
export function upcastEvent<E extends StoredEventShape>(stored: E): E {
  const current = currentSchemaVersionOf(stored.type);
  if (current === undefined || storedSchemaVersion(stored.metadata) >= current) return stored;
  const data = upcastEventData(stored.type as LedgerEventType, stored.data, stored.metadata);
  return { ...stored, data, metadata: { ...stored.metadata, schemaVersion: current } };
}
