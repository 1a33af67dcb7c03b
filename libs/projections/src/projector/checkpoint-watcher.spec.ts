import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Projection } from '../projection';
import { ProjectionCheckpoint } from '../read-model/read-model-store';
import { SqliteReadModelStore } from '../read-model/sqlite-read-model-store';
import { CheckpointWatcher } from './checkpoint-watcher';

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
});
