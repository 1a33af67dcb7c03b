import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore, SqliteEventStore } from '@app/event-store';
import { LedgerConfig } from '../config/ledger-config';

/** Opens the store the configuration names; the embedded one lives in `<dataDir>/events.db`. */
export async function openEventStore(config: LedgerConfig): Promise<EventStore> {
  switch (config.eventStore) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return SqliteEventStore.open({
        file: join(config.dataDir, 'events.db'),
        synchronous: config.sqliteSynchronous,
      });
    case 'eventstoredb':
      throw new Error('the EventStoreDB adapter is not wired yet');
  }
}
