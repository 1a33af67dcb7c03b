import { EVENT_SCHEMA_VERSIONS, LedgerEvent, upcastEvent } from '@app/domain';
import { JsonObject, RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { SqliteReadModelStore } from '../read-model/sqlite-read-model-store';
import { ProjectionSlot } from '../runner/projection-slot';
import { isRetractedFact, RetractionEvent } from '../runner/retracted-facts';

/**
 * Drives one projection in memory for unit tests: recorded events in, committed documents out,
 * through the same slot and store the runner uses.
 */
export class ProjectionHarness {
  readonly store = SqliteReadModelStore.open({ file: ':memory:' });
  private position = 0;
  /** Every event recorded, where a retraction finds its fact (the runner reads the log). */
  private readonly log: RecordedEvent[] = [];
  /** The store is async: the slot is ready once its generation is prepared. */
  private readonly ready: Promise<ProjectionSlot>;
  private prepared: ProjectionSlot | undefined;

  constructor(readonly projection: Projection) {
    this.ready = this.prepare().then((slot) => (this.prepared = slot));
  }

  /** The projection's slot (after the first `feed`). */
  get slot(): ProjectionSlot {
    if (!this.prepared) throw new Error('feed the harness before looking at its slot');
    return this.prepared;
  }

  private async prepare(): Promise<ProjectionSlot> {
    const { projection } = this;
    await this.store.prepare(projection.name, 1, projection.collections);
    const checkpoint = {
      name: projection.name,
      version: projection.version,
      generation: 1,
      position: undefined,
      eventsApplied: 0,
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    await this.store.commit([{ checkpoint }]);
    await this.store.publishGeneration(projection.name, 1);
    return new ProjectionSlot(projection, checkpoint, await this.store.writer(projection.name, 1));
  }

  /** A recorded event at the next position of the log. */
  recorded(
    event: LedgerEvent,
    options: {
      recordedAt?: string;
      actor?: string;
      causationId?: string;
      streamId?: string;
      /** An older version for data in that version's shape (upcast by `feed`, as by the runner). */
      schemaVersion?: number;
    } = {},
  ): RecordedEvent {
    this.position++;
    const recordedAt = options.recordedAt ?? '2026-03-01T10:00:00.000Z';
    const recorded: RecordedEvent = {
      streamId: options.streamId ?? 'test-stream',
      revision: this.position - 1,
      position: String(this.position),
      eventId: `00000000-0000-4000-8000-${String(this.position).padStart(12, '0')}`,
      type: event.type,
      data: event.data as unknown as JsonObject,
      metadata: {
        recordedAt,
        actor: options.actor ?? 'tester',
        // The event is typed in its current shape, so it is stored as the current version.
        schemaVersion: options.schemaVersion ?? EVENT_SCHEMA_VERSIONS[event.type],
        ...(options.causationId ? { causationId: options.causationId } : {}),
      },
      recordedAt,
      previousHash: '0'.repeat(64),
      hash: '0'.repeat(64),
    };
    this.log.push(recorded);
    return recorded;
  }

  /** Applies and commits one batch, as the runner does. */
  async feed(...events: RecordedEvent[]): Promise<void> {
    const slot = await this.ready;
    // Upcast as the runner's reader does: a test may feed an event in an older schema.
    const withFacts = events.map((event): RecordedEvent => {
      if (event.type !== 'FactRetracted') return upcastEvent(event);
      const before = this.log.slice(0, this.log.indexOf(event)).reverse();
      const fact = before.find((candidate) => isRetractedFact(candidate, event));
      const retracted = fact && upcastEvent(fact);
      return { ...upcastEvent(event), retracted } as RetractionEvent;
    });
    const checkpoint = slot.apply(withFacts, '2026-01-01T00:00:00.000Z');
    if (!checkpoint) return;
    await this.store.commit([{ writer: slot.writer, checkpoint }]);
    slot.checkpoint = checkpoint;
    slot.pending = undefined;
  }

  async get<T extends object>(collection: string, key: string): Promise<T | undefined> {
    await this.ready;
    return this.store.get<T>(this.projection.name, collection, key);
  }

  async close(): Promise<void> {
    await this.ready;
    await this.store.close();
  }
}
