import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadLedgerConfig } from '@app/config';

// Any load of the EventStoreDB client fails this file: on SQLite it must never be loaded (it
// costs about 200 ms of every start).
jest.mock('@eventstore/db-client', () => {
  throw new Error('the EventStoreDB client was loaded');
});
// Likewise the PostgreSQL driver: only LEDGER_EVENT_STORE=postgres loads it.
jest.mock('pg', () => {
  throw new Error('the PostgreSQL driver was loaded');
});

describe('openEventStore loads the EventStoreDB client only for that store', () => {
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-open-store-'));
  });

  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds the whole API and opens the SQLite store without it', async () => {
    // The app's module graph (every controller, module and library) imports without it.
    await import('../app.factory');
    const { openEventStore } = await import('@app/composition');
    const store = await openEventStore(loadLedgerConfig({ LEDGER_DATA_DIR: dataDir }));
    await store.close();
  }, 60_000);

  it('loads it when the configuration names EventStoreDB', async () => {
    const { openEventStore } = await import('@app/composition');
    const config = loadLedgerConfig({
      LEDGER_EVENT_STORE: 'eventstoredb',
      EVENTSTOREDB_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false',
    });
    await expect(openEventStore(config)).rejects.toThrow('the EventStoreDB client was loaded');
  });

  it('loads the PostgreSQL driver only when the configuration names PostgreSQL', async () => {
    const { openEventStore } = await import('@app/composition');
    const config = loadLedgerConfig({
      LEDGER_EVENT_STORE: 'postgres',
      LEDGER_POSTGRES_URL: 'postgres://127.0.0.1:1/none',
    });
    await expect(openEventStore(config)).rejects.toThrow('the PostgreSQL driver was loaded');
  });
});
