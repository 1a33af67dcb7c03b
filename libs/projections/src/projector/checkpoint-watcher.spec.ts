import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../projection';
import { ProjectionCheckpoint } from '../read-model/read-model-store';
import { SqliteReadModelStore } from '../read-model/sqlite-read-model-store';
import { CheckpointSignal } from './checkpoint-signal';
import { CheckpointWatcher } from './checkpoint-watcher';

/** The signal a PostgreSQL commit gives, fired by hand. */
class HandSignal implements CheckpointSignal {
  private listener: ((committed?: readonly ProjectionCheckpoint[]) => void) | undefined;
  listen(listener: (committed?: readonly ProjectionCheckpoint[]) => void): void {
    this.listener = listener;
  }
  fire(committed?: readonly ProjectionCheckpoint[]): void {
    this.listener?.(committed);
  }
  async close(): Promise<void> {}
}

const projection = (name: string): Projection => ({
  name,
  version: 1,
  handles: [],
  collections: [{ name: 'docs' }],
  apply: () => undefined,
});

const checkpoint = (name: string, position: string | undefined): ProjectionCheckpoint => ({
  name,
  version: 1,
  generation: 1,
  position,
  eventsApplied: 0,
  updatedAt: '2026-11-30T00:00:00.000Z',
});

/** A projector's store and a reader's store (the API's) on one read-model file. */
describe('CheckpointWatcher', () => {
  let dir: string;
  let projector: SqliteReadModelStore;
  let reader: SqliteReadModelStore;
  let watcher: CheckpointWatcher;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'watcher-'));
    projector = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
    reader = SqliteReadModelStore.open({ file: join(dir, 'read-models.db') });
    await projector.commit([
      { checkpoint: checkpoint('a', '3') },
      { checkpoint: checkpoint('b', undefined) },
    ]);
    watcher = new CheckpointWatcher({
      readModels: reader,
      projections: [projection('a'), projection('b')],
      waitPollMs: 5,
      idlePollMs: 60_000,
    });
    await watcher.start();
  });

  afterEach(async () => {
    await watcher.stop();
    await reader.close();
    await projector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers the lowest position every projection has processed, none while one has none', async () => {
    expect(watcher.processedPosition()).toBeUndefined();
    await projector.commit([{ checkpoint: checkpoint('b', '5') }]);
    await watcher.refresh();
    expect(watcher.processedPosition()).toBe('3');
  });

  it('wakes a wait once another process commits every checkpoint past it, polling while it waits', async () => {
    const waiting = watcher.waitFor('4', 5_000);
    let settled = false;
    void waiting.then(() => (settled = true));
    await projector.commit([{ checkpoint: checkpoint('b', '9') }]);
    await new Promise((r) => setTimeout(r, 30));
    expect(settled).toBe(false); // a is still at 3
    await projector.commit([{ checkpoint: checkpoint('a', '4') }]);
    await expect(waiting).resolves.toBe(true);
  });

  it('answers false when the wait runs out, and reports the lag from the checkpoints', async () => {
    await expect(watcher.waitFor('10', 30)).resolves.toBe(false);
    expect(watcher.reports('7')).toEqual([
      expect.objectContaining({ name: 'a', checkpoint: '3', lag: '4', status: 'catching-up' }),
      expect.objectContaining({ name: 'b', checkpoint: null, lag: '7', status: 'catching-up' }),
    ]);
    expect(watcher.reports(null)[0]).toMatchObject({ lag: null });
  });

  it('reports a failure the projector recorded in the read models', async () => {
    const failure = {
      position: '4',
      eventId: 'e4',
      type: 'CostRecorded',
      error: 'not an exact decimal: "1e3"',
      at: '2026-11-30T00:00:01.000Z',
    };
    await projector.recordStatus({ name: 'a', status: 'failed', failure, updatedAt: failure.at });
    await projector.recordStatus({
      name: 'b',
      status: 'running',
      failure: null,
      updatedAt: failure.at,
    });
    expect(watcher.reports('7', await reader.statuses())).toEqual([
      expect.objectContaining({ name: 'a', checkpoint: '3', lag: '4', status: 'failed', failure }),
      expect.objectContaining({ name: 'b', status: 'catching-up', failure: null }),
    ]);
  });

  it("reads after this process's own commit only while someone waits", async () => {
    const own = new CheckpointWatcher({
      readModels: reader,
      projections: [projection('a'), projection('b')],
      waitPollMs: 60_000,
      idlePollMs: 60_000,
    });
    await own.start();
    try {
      const reads = jest.spyOn(reader, 'checkpoints');
      await projector.commit([{ checkpoint: checkpoint('b', '5') }]);
      own.ownCommit();
      expect(reads).not.toHaveBeenCalled();
      const waiting = own.waitFor('5', 5_000); // reads once, a is at 3
      await new Promise((resolve) => setImmediate(resolve));
      await projector.commit([{ checkpoint: checkpoint('a', '5') }]);
      own.ownCommit();
      await expect(waiting).resolves.toBe(true);
      expect(reads).toHaveBeenCalledTimes(2);
    } finally {
      await own.stop();
    }
  });

  describe('woken by a signal', () => {
    let signal: HandSignal;
    let signalled: CheckpointWatcher;

    beforeEach(async () => {
      signal = new HandSignal();
      signalled = new CheckpointWatcher({
        readModels: reader,
        projections: [projection('a'), projection('b')],
        signal,
        waitPollMs: 60_000,
        idlePollMs: 60_000,
      });
      await signalled.start();
    });

    afterEach(() => signalled.stop());

    it('takes the checkpoints a signal carries without reading them, and wakes the waits they reach', async () => {
      const waiting = signalled.waitFor('6', 5_000);
      const reads = jest.spyOn(reader, 'checkpoints');
      signal.fire([checkpoint('b', '6'), checkpoint('other', '9')]);
      expect(signalled.processedPosition()).toBe('3');
      signal.fire([{ ...checkpoint('a', '7'), eventsApplied: 12 }]);
      await expect(waiting).resolves.toBe(true);
      expect(signalled.processedPosition()).toBe('6');
      expect(signalled.reports('7')[0]).toMatchObject({ checkpoint: '7', eventsApplied: 12 });
      expect(signalled.has('other')).toBe(false);
      expect(reads).not.toHaveBeenCalled();
    });

    it('reads the checkpoints when a signal carries none', async () => {
      await projector.commit([{ checkpoint: checkpoint('b', '5') }]);
      const reads = jest.spyOn(reader, 'checkpoints');
      signal.fire();
      await signalled.refresh();
      expect(reads).toHaveBeenCalled();
      expect(signalled.processedPosition()).toBe('3');
    });

    it('keeps a signalled checkpoint over a read that was under way when it came', async () => {
      let answer!: (checkpoints: ProjectionCheckpoint[]) => void;
      jest
        .spyOn(reader, 'checkpoints')
        .mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
      const reading = signalled.refresh();
      signal.fire([checkpoint('a', '8'), checkpoint('b', '8')]);
      answer([checkpoint('a', '3'), checkpoint('b', '2')]);
      await reading;
      expect(signalled.processedPosition()).toBe('8');
    });
  });
});
