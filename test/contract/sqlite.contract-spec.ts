import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EventStore } from '@app/event-store';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { describeEventStoreContract } from '@app/event-store/testing';

// Each case gets its own database file in one temp dir, removed after the run.
const root = mkdtempSync(join(tmpdir(), 'ledger-sqlite-contract-'));
const files = new WeakMap<EventStore, string>();
let created = 0;

function open(file: string): EventStore {
  const store = SqliteEventStore.open({ file });
  files.set(store, file);
  return store;
}

afterAll(() => rmSync(root, { recursive: true, force: true }));

describeEventStoreContract('sqlite', {
  async create() {
    created += 1;
    return open(join(root, `case-${created}`, 'events.db'));
  },
  async reopen(store) {
    const file = files.get(store);
    if (file === undefined) throw new Error('reopen() got a store this harness did not create');
    await store.close();
    return open(file);
  },
});
