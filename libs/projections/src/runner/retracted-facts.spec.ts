import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordedEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { retractedFactOf, withRetractedFacts } from './retracted-facts';

const REL = '44444444-4444-4444-8444-444444444444';
const STREAM = `relationship-${REL}`;

const cost = (costId: string) => ({
  type: 'CostRecorded',
  data: { relationshipId: REL, costId, effect: 'removed', amount: '1', currency: 'EUR' },
});
const retraction = (factId: string, factType = 'CostRecorded') => ({
  type: 'FactRetracted',
  data: { relationshipId: REL, factId, factType, reason: 'mistake' },
});

describe('a FactRetracted reaches the projections with the fact it withdraws', () => {
  let dir: string;
  let store: SqliteEventStore;
  let log: RecordedEvent[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'retracted-facts-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.db') });
    const events = [
      cost('c1'),
      cost('c2'),
      { type: 'RiskRecorded', data: { relationshipId: REL, riskId: 'c1' } },
      retraction('c1'),
      retraction('c2'),
      retraction('nobody'),
      retraction('c1', 'RiskRecorded'),
    ];
    await store.append(
      STREAM,
      events.map((e) => ({
        eventId: randomUUID(),
        type: e.type,
        data: e.data,
        metadata: { actor: 'tester' },
      })),
      { expectedRevision: 'no_stream' },
    );
    log = [];
    for await (const e of store.readAll()) log.push(e);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const factOf = (e: RecordedEvent) => {
    const fact = retractedFactOf(e);
    return fact && { type: fact.type, revision: fact.revision };
  };

  it('reads the fact from the store when it is not in the batch, by type and id', async () => {
    const batch = await withRetractedFacts(log.slice(3), store);
    expect(batch.map(factOf)).toEqual([
      { type: 'CostRecorded', revision: 0 },
      { type: 'CostRecorded', revision: 1 },
      undefined,
      { type: 'RiskRecorded', revision: 2 },
    ]);
    // The events themselves are the ones delivered; only the retractions gained their fact.
    expect(batch.map((e) => e.position)).toEqual(log.slice(3).map((e) => e.position));
  });

  it('finds the fact in the same batch, and leaves a batch without retractions as it is', async () => {
    const noStore = {
      readStream: () => {
        throw new Error('must not read the store');
      },
    };
    const batch = await withRetractedFacts(log.slice(0, 5), noStore);
    expect(factOf(batch[3])).toEqual({ type: 'CostRecorded', revision: 0 });
    expect(retractedFactOf(batch[4])).toBe(batch[1]);
    const plain = log.slice(0, 3);
    expect(await withRetractedFacts(plain, noStore)).toBe(plain);
  });

  it('finds the fact in the batch before, without reading the store', async () => {
    const noStore = {
      readStream: () => {
        throw new Error('must not read the store');
      },
    };
    const batch = await withRetractedFacts(log.slice(3, 5), noStore, undefined, log.slice(0, 3));
    expect(retractedFactOf(batch[0])).toBe(log[0]);
    expect(retractedFactOf(batch[1])).toBe(log[1]);
  });
});
