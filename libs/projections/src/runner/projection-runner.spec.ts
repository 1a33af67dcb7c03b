import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerEvent } from '@app/domain';
import { JsonObject, RecordedEvent } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { Projection } from '../projection';
import { DocumentSession, ReadModelStore } from '../read-model/read-model-store';
import { SqliteReadModelStore } from '../read-model/sqlite-read-model-store';
import {
  RelationshipSummary,
  RelationshipSummaryProjection,
} from '../projections/relationship-summary.projection';
import { ProjectionFenced } from '../projector/ownership-fence';
import { ProjectionRunner } from './projection-runner';
import { DEFERRED_BATCHES, FEW_PENDING_DOCUMENTS } from './projection-slot';

const RELATIONSHIP = '44444444-4444-4444-8444-444444444444';

/** Counts events of every type; throws on a cost of "13" (to test failure handling). */
class CountingProjection implements Projection {
  readonly name: string;
  readonly handles = ['RelationshipEstablished', 'CostRecorded'] as const;
  readonly collections = [{ name: 'counts' }];
  constructor(
    readonly version = 1,
    name = 'counting',
    /** Documents of its own each event also writes (a projection that changes many). */
    private readonly spread = 0,
  ) {
    this.name = name;
  }
  apply(session: DocumentSession, event: RecordedEvent): void {
    if ((event.data as { amount?: string }).amount === '13') throw new Error('unlucky amount');
    const doc = session.get<{ n: number }>('counts', 'all') ?? { n: 0 };
    doc.n++;
    session.put('counts', 'all', doc);
    for (let i = 0; i < this.spread; i++) session.put('counts', `${event.position}:${i}`, {});
  }
}

function costEvent(n: number, amount = '1.10'): LedgerEvent {
  return {
    type: 'CostRecorded',
    data: {
      relationshipId: RELATIONSHIP,
      costId: `c${n}`,
      effect: 'removed',
      amount,
      currency: 'EUR',
      description: 'licence',
      offeringId: null,
      occurredAt: '2026-03-01T10:00:00.000Z',
    },
  };
}

async function append(store: SqliteEventStore, events: LedgerEvent[]): Promise<string> {
  const result = await store.append(
    `relationship-${RELATIONSHIP}`,
    events.map((e) => ({
      eventId: randomUUID(),
      type: e.type,
      data: e.data as unknown as JsonObject,
      metadata: { actor: 'tester' },
    })),
    { expectedRevision: 'any' },
  );
  return result.position;
}

describe('ProjectionRunner', () => {
  let dir: string;
  let store: SqliteEventStore;
  const opened: { runner?: ProjectionRunner; readModels?: SqliteReadModelStore }[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'runner-'));
    store = SqliteEventStore.open({ file: join(dir, 'events.db'), synchronous: 'NORMAL' });
  });

  afterEach(async () => {
    for (const o of opened.splice(0)) {
      await o.runner?.stop();
      await o.readModels?.close();
    }
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The test relationship's summary document, as committed. */
  async function summaryIn(readModels: ReadModelStore): Promise<RelationshipSummary> {
    return (await readModels.get<RelationshipSummary>(
      'relationship-summary',
      'relationships',
      RELATIONSHIP,
    ))!;
  }

  function start(
    projections: Projection[],
    batchSize = 500,
    liveBatchIntervalMs?: number,
    onBatch: () => void = () => undefined,
  ) {
    const readModels = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
    const batches: string[] = [];
    const runner = new ProjectionRunner({
      eventStore: store,
      readModels,
      projections,
      batchSize,
      liveBatchIntervalMs,
      onBatchCommitted: (p) => {
        batches.push(p);
        onBatch();
      },
    });
    const entry = { runner, readModels, batches };
    opened.push(entry);
    return entry;
  }

  async function stopEntry(entry: { runner: ProjectionRunner; readModels: SqliteReadModelStore }) {
    await entry.runner.stop();
    await entry.readModels.close();
    opened.splice(opened.indexOf(entry), 1);
  }

  const establish: LedgerEvent = {
    type: 'RelationshipEstablished',
    data: {
      relationshipId: RELATIONSHIP,
      providerId: 'p',
      consumerId: 'c',
      occurredAt: '2026-03-01T10:00:00.000Z',
    },
  };

  it('catches up in batches, then applies live events promptly', async () => {
    await append(store, [establish, ...Array.from({ length: 24 }, (_, i) => costEvent(i))]);
    const app = start([new RelationshipSummaryProjection()], 10);
    await app.runner.start();
    expect(await app.runner.waitFor('25', 2000)).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(app.batches).toEqual(['10', '20', '25']);
    const live = await append(store, [costEvent(99, '0.05')]);
    expect(await app.runner.waitFor(live, 2000)).toBe(true);
    const summary = await summaryIn(app.readModels);
    expect(summary.counts.costs).toBe(25);
    expect(summary.costs.removed.EUR).toBe('26.45');
    const [report] = await app.runner.reports();
    expect(report).toMatchObject({ status: 'live', checkpoint: '26', lag: '0', eventsApplied: 26 });
  });

  it('catches up a page at a time and hands over to the subscription without skipping or repeating', async () => {
    await store.close();
    // Pages of 4 events against batches of 7: page, chunk and batch boundaries all differ.
    store = SqliteEventStore.open({ file: join(dir, 'events.db'), pageSize: 4 });
    await append(store, [establish, ...Array.from({ length: 29 }, (_, i) => costEvent(i))]);
    let during: Promise<string> | undefined;
    // Appended while the pages are read: the subscription must deliver them, once each.
    const app = start([new RelationshipSummaryProjection()], 7, undefined, () => {
      during ??= append(
        store,
        Array.from({ length: 6 }, (_, i) => costEvent(100 + i)),
      );
    });
    await app.runner.start();
    expect(await app.runner.waitFor('30', 2000)).toBe(true);
    const last = await append(store, [costEvent(200)]);
    await during;
    expect(await app.runner.waitFor(last, 2000)).toBe(true);
    const summary = await summaryIn(app.readModels);
    expect(summary.counts.costs).toBe(29 + 6 + 1);
    const positions = app.batches.map(Number);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    const [report] = await app.runner.reports();
    expect(report).toMatchObject({ checkpoint: last, eventsApplied: 37 });
  });

  it('applies a live event after a quiet spell at once, and those within the interval of a batch in the next one', async () => {
    // Only setTimeout is fake, so the interval ends when the test says and nothing else waits.
    jest.useFakeTimers({
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'Date',
        'performance',
        'queueMicrotask',
        'setInterval',
        'clearInterval',
        'hrtime',
      ],
    });
    try {
      const turns = async (n: number) => {
        for (let i = 0; i < n; i += 1) await new Promise((r) => setImmediate(r));
      };
      await append(store, [establish]);
      const app = start([new RelationshipSummaryProjection()], 500, 60_000);
      await app.runner.start();
      await turns(10);
      expect(app.batches).toEqual(['1']);
      // A quiet spell: the interval of the last batch is over, the loop waits for events.
      jest.advanceTimersByTime(60_000);
      await turns(10);
      const first = await append(store, [costEvent(1)]);
      await turns(10);
      expect(app.batches).toEqual(['1', first]);
      // Three appends, three commits, within the interval of the batch that took `first`.
      for (const n of [2, 3]) await append(store, [costEvent(n)]);
      const last = await append(store, [costEvent(4)]);
      await turns(10);
      expect(app.runner.processedPosition()).toBe(first);
      jest.advanceTimersByTime(60_000);
      await turns(10);
      expect(app.batches).toEqual(['1', first, last]);
      const summary = await summaryIn(app.readModels);
      expect(summary.counts.costs).toBe(4);
    } finally {
      jest.useRealTimers();
    }
  });

  /** The checkpoints each read-model commit of `app` carried, by projection name. */
  function commitsOf(app: ReturnType<typeof start>): string[][] {
    const names: string[][] = [];
    const commit = app.readModels.commit.bind(app.readModels);
    jest.spyOn(app.readModels, 'commit').mockImplementation((writes) => {
      const batch = writes.filter((w) => w.writer && w.checkpoint);
      if (batch.length) names.push(batch.map((w) => w.checkpoint!.name));
      return commit(writes);
    });
    return names;
  }

  const deferring = () => new CountingProjection(1, 'deferring');

  it('commits once caught up while catching up, not every batch; live, every batch', async () => {
    await append(store, [establish, ...Array.from({ length: 24 }, (_, i) => costEvent(i))]);
    const app = start([deferring(), new RelationshipSummaryProjection()], 10);
    const commits = commitsOf(app);
    await app.runner.start();
    expect(await app.runner.waitFor('25', 2000)).toBe(true);
    await new Promise((r) => setImmediate(r));
    expect(app.batches).toEqual(['10', '20', '25']);
    expect(commits).toEqual([['deferring', 'relationship-summary']]);
    expect(await app.readModels.get('deferring', 'counts', 'all')).toEqual({ n: 25 });
    // Live, it commits every batch like the others.
    const live = await append(store, [costEvent(99)]);
    expect(await app.runner.waitFor(live, 2000)).toBe(true);
    expect(commits[1]).toEqual(['deferring', 'relationship-summary']);
    expect(await app.readModels.get('deferring', 'counts', 'all')).toEqual({ n: 26 });
  });

  it('commits a deferring projection after DEFERRED_BATCHES batches, and keeps it on a stop', async () => {
    const total = DEFERRED_BATCHES + 50;
    await append(store, [establish, ...Array.from({ length: total - 1 }, (_, i) => costEvent(i))]);
    // Enough documents changed by then that holding them is worth a commit (ProjectionSlot).
    const spread = Math.ceil(FEW_PENDING_DOCUMENTS / DEFERRED_BATCHES);
    const first = start([new CountingProjection(1, 'deferring', spread)], 1);
    const commits = commitsOf(first);
    await first.runner.start();
    expect(await first.runner.waitFor(String(total), 3000)).toBe(true);
    expect(commits.filter((names) => names.includes('deferring'))).toHaveLength(2);
    expect(await first.readModels.get('deferring', 'counts', 'all')).toEqual({ n: total });
    await stopEntry(first);

    // Stopped while catching up: what was applied is committed, and nothing is counted twice.
    await append(
      store,
      Array.from({ length: 99 }, (_, i) => costEvent(1000 + i)),
    );
    const second = start([deferring()], 7);
    await second.runner.start();
    while (second.batches.length < 3) await new Promise((r) => setImmediate(r));
    await stopEntry(second);
    const third = start([deferring()], 7);
    // Without the commit on stop it would still be where the first run left it.
    const stopped = (await third.readModels.checkpoint('deferring'))!;
    expect(Number(stopped.position)).toBeGreaterThanOrEqual(total + 21);
    await third.runner.start();
    expect(await third.runner.waitFor(String(total + 99), 2000)).toBe(true);
    expect(await third.readModels.get('deferring', 'counts', 'all')).toEqual({ n: total + 99 });
  });

  it("stores the EventBus feed's checkpoint with the next batch's commit, the last one at a stop", async () => {
    await append(store, [establish]);
    const readModels = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
    /** The checkpoints each commit stored. */
    const commits: string[][] = [];
    const commit = readModels.commit.bind(readModels);
    readModels.commit = (writes) => {
      commits.push(writes.flatMap((w) => (w.checkpoint ? [w.checkpoint.name] : [])));
      return commit(writes);
    };
    const handed: string[] = [];
    const runner = new ProjectionRunner({
      eventStore: store,
      readModels,
      projections: [new CountingProjection()],
      liveBatchIntervalMs: 0,
      // No save on its own while the case runs: only batch commits and the stop store it.
      feedSaveMs: 3_600_000,
      listener: {
        name: '$bus',
        publish: async (events) => {
          handed.push(...events.map((e) => e.position));
        },
      },
    });
    opened.push({ runner, readModels });
    await runner.start();
    const first = await append(store, [costEvent(1)]);
    await until(() => handed.includes(first));
    commits.length = 0;
    const second = await append(store, [costEvent(2)]);
    await until(() => handed.includes(second));
    const third = await append(store, [costEvent(3)]);
    await until(() => handed.includes(third));

    // One commit per batch: each takes the feed's checkpoint of the batch handed before it.
    expect(commits).toEqual([
      ['counting', '$bus'],
      ['counting', '$bus'],
    ]);
    expect((await readModels.checkpoint('$bus'))?.position).toBe(second);
    await runner.stop();
    expect((await readModels.checkpoint('$bus'))?.position).toBe(third);
    expect(handed).toEqual([first, second, third]);
  });

  it("stores the EventBus feed's checkpoint on its own when no batch follows", async () => {
    await append(store, [establish]);
    const readModels = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
    const runner = new ProjectionRunner({
      eventStore: store,
      readModels,
      projections: [new CountingProjection()],
      liveBatchIntervalMs: 0,
      feedSaveMs: 1,
      listener: { name: '$bus', publish: async () => undefined },
    });
    opened.push({ runner, readModels });
    await runner.start();
    const last = await append(store, [costEvent(1)]);
    await until(async () => (await readModels.checkpoint('$bus'))?.position === last);
  });

  it('times out a wait for a position it has not processed', async () => {
    const app = start([new RelationshipSummaryProjection()]);
    await app.runner.start();
    expect(await app.runner.waitFor('5', 50)).toBe(false);
  });

  it('resumes after a stop between batches without losing or double-counting', async () => {
    await append(store, [establish, ...Array.from({ length: 99 }, (_, i) => costEvent(i))]);
    const first = start([new RelationshipSummaryProjection()], 7);
    await first.runner.start();
    while (first.batches.length < 3) await new Promise((r) => setImmediate(r));
    await stopEntry(first);
    const second = start([new RelationshipSummaryProjection()], 7);
    const before = (await second.readModels.checkpoint('relationship-summary'))!.position;
    expect(Number(before)).toBeGreaterThanOrEqual(21);
    expect(Number(before)).toBeLessThan(100);
    await second.runner.start();
    expect(await second.runner.waitFor('100', 2000)).toBe(true);
    const summary = await summaryIn(second.readModels);
    expect(summary.counts.costs).toBe(99);
    expect(summary.costs.removed.EUR).toBe('108.9');
  });

  it('stops a failing projection, reports the event and error, and the others go on', async () => {
    await append(store, [establish, costEvent(1)]);
    const app = start([new CountingProjection(), new RelationshipSummaryProjection()], 2);
    await app.runner.start();
    expect(await app.runner.waitFor('2', 2000)).toBe(true);
    await append(store, [costEvent(2, '13'), costEvent(3)]);
    const head = await append(store, [costEvent(4)]);
    await new Promise((r) => setTimeout(r, 100));
    const reports = await app.runner.reports();
    const failed = reports.find((r) => r.name === 'counting')!;
    expect(failed).toMatchObject({
      status: 'failed',
      checkpoint: '2',
      failure: { position: '3', type: 'CostRecorded', error: 'unlucky amount' },
    });
    const summary = reports.find((r) => r.name === 'relationship-summary')!;
    expect(summary).toMatchObject({ status: 'live', checkpoint: head });
    expect(await app.readModels.get<{ n: number }>('counting', 'counts', 'all')).toEqual({ n: 2 });
  });

  it('records a failure in the read models for the processes that only read them, and running once a runner starts it again', async () => {
    await append(store, [establish, costEvent(1)]);
    const first = start([new CountingProjection(), new RelationshipSummaryProjection()], 2);
    await first.runner.start();
    await append(store, [costEvent(2, '13')]);
    const head = await append(store, [costEvent(3)]);
    expect(await first.runner.waitFor(head, 300)).toBe(false);
    await stopEntry(first);

    const reader = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
    opened.push({ readModels: reader });
    expect(await reader.statuses()).toEqual([
      {
        name: 'counting',
        status: 'failed',
        failure: {
          position: '3',
          eventId: expect.any(String),
          type: 'CostRecorded',
          error: 'unlucky amount',
          at: expect.any(String),
        },
        updatedAt: expect.any(String),
      },
      {
        name: 'relationship-summary',
        status: 'running',
        failure: null,
        updatedAt: expect.any(String),
      },
    ]);

    // A restarted runner applies from the checkpoint again: the failure is no longer current.
    const second = start([new CountingProjection(), new RelationshipSummaryProjection()], 2);
    await second.runner.start();
    await stopEntry(second);
    expect((await reader.statuses()).map(({ name, status }) => [name, status])).toEqual([
      ['counting', 'running'],
      ['relationship-summary', 'running'],
    ]);
  });

  it('records no failure for a commit refused because another process owns the projection now', async () => {
    await append(store, [establish]);
    const app = start([new RelationshipSummaryProjection()]);
    await app.runner.start();
    jest.spyOn(app.readModels, 'commit').mockImplementation(() => {
      throw new ProjectionFenced('relationship-summary', 1, 2);
    });
    expect(await app.runner.waitFor('1', 300)).toBe(false);
    expect((await app.runner.reports())[0]).toMatchObject({ status: 'failed' });
    await stopEntry(app);
    const reader = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
    opened.push({ readModels: reader });
    // The new owner's word stands: this deposed process does not overwrite it with a failure.
    expect((await reader.statuses()).map(({ name, status }) => [name, status])).toEqual([
      ['relationship-summary', 'running'],
    ]);
  });

  it('retries a batch the disk had no room for, with backoff, and recovers by itself', async () => {
    await append(store, [establish, ...Array.from({ length: 9 }, (_, i) => costEvent(i))]);
    const app = start([new RelationshipSummaryProjection()], 4);
    await app.runner.start();
    // The next three commits find the disk full, as SQLite reports it; then space returns.
    const commit = app.readModels.commit.bind(app.readModels);
    let full = 3;
    const seen: string[] = [];
    jest.spyOn(app.readModels, 'commit').mockImplementation((writes) => {
      if (full > 0) {
        full -= 1;
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      }
      return commit(writes);
    });
    while (full > 0) {
      seen.push((await app.runner.reports())[0].status);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await app.runner.waitFor('10', 10_000)).toBe(true);
    expect(seen).toContain('retrying');
    const [report] = await app.runner.reports();
    expect(report).toMatchObject({ status: 'live', retrying: null, failure: null, lag: '0' });
    const summary = await summaryIn(app.readModels);
    expect(summary.counts.costs).toBe(9);
  });

  it('a commit error that would only repeat still stops the projections, with the reason', async () => {
    await append(store, [establish, costEvent(1)]);
    const app = start([new RelationshipSummaryProjection()]);
    await app.runner.start();
    jest.spyOn(app.readModels, 'commit').mockImplementation(() => {
      throw Object.assign(new Error('CHECK constraint failed'), { code: 'SQLITE_CONSTRAINT' });
    });
    expect(await app.runner.waitFor('2', 300)).toBe(false);
    const [report] = await app.runner.reports();
    expect(report).toMatchObject({
      status: 'failed',
      retrying: null,
      failure: { error: expect.stringMatching(/CHECK constraint failed/) },
    });
  });

  it('rebuilds aside and swaps in an identical copy while the old one answers', async () => {
    await append(store, [establish, ...Array.from({ length: 50 }, (_, i) => costEvent(i, '0.1'))]);
    const app = start([new RelationshipSummaryProjection()], 5);
    await app.runner.start();
    await app.runner.waitFor('51', 2000);
    const before = await app.readModels.get('relationship-summary', 'relationships', RELATIONSHIP);
    const progress = app.runner.rebuild('relationship-summary');
    expect(progress).toMatchObject({ status: 'running', generation: 2 });
    // The old copy keeps answering while the new one is built.
    expect(await app.readModels.get('relationship-summary', 'relationships', RELATIONSHIP)).toEqual(
      before,
    );
    const during = await append(store, [costEvent(100, '0.2')]);
    for (let i = 0; i < 200 && progress.status === 'running'; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(progress.status).toBe('completed');
    expect(await app.runner.waitFor(during, 2000)).toBe(true);
    const after = await summaryIn(app.readModels);
    expect(after.costs.removed.EUR).toBe('5.2');
    expect(after.counts.costs).toBe(51);
    expect(await app.readModels.checkpoint('relationship-summary')).toMatchObject({
      generation: 2,
      position: during,
    });
    const [report] = await app.runner.reports();
    expect(report).toMatchObject({ generation: 2, rebuild: { status: 'completed' } });
  });

  it('rebuilds a projection from the start at boot when its version is bumped', async () => {
    await append(store, [establish, costEvent(1), costEvent(2)]);
    const v1 = start([new CountingProjection(1)]);
    await v1.runner.start();
    await v1.runner.waitFor('3', 2000);
    await stopEntry(v1);
    const v2 = start([new CountingProjection(2)]);
    expect(await v2.readModels.checkpoint('counting')).toMatchObject({ version: 1, generation: 1 });
    await v2.runner.start();
    expect((await v2.readModels.checkpoint('counting'))!.version).toBe(2);
    expect(await v2.runner.waitFor('3', 2000)).toBe(true);
    expect(await v2.readModels.checkpoint('counting')).toMatchObject({
      version: 2,
      generation: 2,
      eventsApplied: 3,
    });
    expect(await v2.readModels.get('counting', 'counts', 'all')).toEqual({ n: 3 });
  });
});

/** Waits until `condition` holds (no time limit of its own: jest's ends a case that hangs). */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}
