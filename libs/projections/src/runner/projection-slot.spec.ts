import { RecordedEvent } from '@app/event-store';
import { Projection } from '../projection';
import { ProjectionCheckpoint, ProjectionWriter } from '../read-model/read-model-store';
import {
  DEFERRED_BATCHES,
  DEFERRED_EVENTS,
  DEFERRED_EVENTS_WHEN_FEW,
  FEW_PENDING_DOCUMENTS,
  ProjectionSlot,
} from './projection-slot';

const checkpoint = (eventsApplied: number): ProjectionCheckpoint => ({
  name: 'p',
  version: 1,
  generation: 1,
  position: String(eventsApplied),
  eventsApplied,
  updatedAt: '2026-01-01T00:00:00.000Z',
});

/** A slot whose writer holds `pendingDocuments` changed documents (more than few by default). */
function slot(pendingDocuments = FEW_PENDING_DOCUMENTS + 1): ProjectionSlot {
  const projection: Projection = {
    name: 'p',
    version: 1,
    handles: [],
    collections: [],
    apply: (_session, _event: RecordedEvent) => undefined,
  };
  const writer = { pendingDocuments: () => pendingDocuments } as ProjectionWriter;
  return new ProjectionSlot(projection, checkpoint(0), writer);
}

describe('ProjectionSlot.defersCommit', () => {
  it('never defers with nothing pending', () => {
    expect(slot().defersCommit()).toBe(false);
  });

  it('defers until DEFERRED_EVENTS events were applied since the last commit', () => {
    const s = slot();
    s.pending = checkpoint(DEFERRED_EVENTS - 1);
    expect(s.defersCommit()).toBe(true);
    s.pending = checkpoint(DEFERRED_EVENTS);
    expect(s.defersCommit()).toBe(false);
  });

  it('defers at most DEFERRED_BATCHES batches in a row, then counts again', () => {
    const s = slot();
    s.pending = checkpoint(1);
    const answers = Array.from({ length: DEFERRED_BATCHES * 2 }, () => s.defersCommit());
    expect(answers.filter((deferred) => !deferred)).toHaveLength(2);
    expect(answers[DEFERRED_BATCHES - 1]).toBe(false);
    expect(answers[2 * DEFERRED_BATCHES - 1]).toBe(false);
  });

  it('defers a projection with few changed documents past both bounds, up to DEFERRED_EVENTS_WHEN_FEW', () => {
    const s = slot(FEW_PENDING_DOCUMENTS);
    s.pending = checkpoint(DEFERRED_EVENTS);
    const answers = Array.from({ length: DEFERRED_BATCHES * 2 }, () => s.defersCommit());
    expect(answers.every((deferred) => deferred)).toBe(true);
    s.pending = checkpoint(DEFERRED_EVENTS_WHEN_FEW - 1);
    expect(s.defersCommit()).toBe(true);
    s.pending = checkpoint(DEFERRED_EVENTS_WHEN_FEW);
    expect(s.defersCommit()).toBe(false);
  });
});
