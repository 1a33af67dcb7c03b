import { LedgerEvent, LedgerEventType } from '@app/domain';
import { RecordedEvent } from '@app/event-store';
import { CollectionSpec, DocumentSession } from './read-model/read-model-store';

/**
 * A recorded event of one of the types `T`, its `data` typed from the domain's event union in
 * the current schema: the runner upcasts what it reads before `apply` (batching-reader.ts).
 * A union over `T`, so a switch on `event.type` narrows `data`; still a RecordedEvent, so the
 * helpers that read metadata take it as it is.
 */
export type ProjectedEvent<T extends LedgerEventType = LedgerEventType> = {
  [K in T]: RecordedEvent & { type: K; data: Extract<LedgerEvent, { type: K }>['data'] };
}[T];

/**
 * A read model built from the log, handling the event types `T`. `apply` must be deterministic (times come from the event's
 * `metadata.recordedAt`, never the clock) and synchronous: the runner applies a batch of events
 * in memory and commits the documents with the checkpoint in one transaction (while catching
 * up, one transaction per few hundred batches: runner/projection-slot).
 */
export interface Projection<T extends LedgerEventType = LedgerEventType> {
  /** Stable name: the checkpoint, the tables and the admin routes use it. */
  readonly name: string;
  /** Bump when `apply` or the documents change: the projection is rebuilt from the start at boot. */
  readonly version: number;
  /** Event types `apply` is called for; every other event only moves the checkpoint. */
  readonly handles: readonly T[];
  readonly collections: readonly CollectionSpec[];
  apply(session: DocumentSession, event: ProjectedEvent<T>): void;
}
