import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

/** Events small enough that SQLite's own checkpoint (at 1,000 WAL pages) never runs. */
async function appendSome(store: SqliteEventStore): Promise<void> {
  for (let i = 0; i < 20; i += 1) {
    await store.append(
      `organization-${i}`,
      [
        {
          eventId: `e-${i}`,
          type: 'OrganizationRegistered',
          data: { name: `Org ${i}` },
          metadata: {},
        },
      ],
      { expectedRevision: 'no_stream' },
    );
  }
}

async function until(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('WalCheckpointer (SQLite event store, backgroundCheckpointMs)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'wal-checkpointer-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('copies committed pages from the WAL into the database file off the commit path', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open({ file, backgroundCheckpointMs: 5 });
    const before = statSync(file).size;
    await appendSome(store);
    // Only a checkpoint writes the new pages to the database file; jest's timeout bounds this.
    await until(() => statSync(file).size > before);
    await store.close();
    const reopened = SqliteEventStore.open({ file });
    expect(await reopened.headPosition()).toBe('20');
    await reopened.close();
  });

  it('without it, the pages stay in the WAL until SQLite checkpoints in a commit', async () => {
    const file = join(dir, 'events.db');
    const store = SqliteEventStore.open({ file });
    const before = statSync(file).size;
    await appendSome(store);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await store.close();
  });
});
