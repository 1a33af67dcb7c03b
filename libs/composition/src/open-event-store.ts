import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerConfig } from '@app/config';
import { EventStore } from '@app/event-store';
import { connectEventStoreDb } from '@app/event-store/eventstoredb';
import { connectPostgres } from '@app/event-store/postgres';
import { SqliteEventStore } from '@app/event-store/sqlite';

/** The embedded store's file in the data dir. */
export const EVENTS_FILE = 'events.db';

export interface OpenEventStoreOptions {
  /**
   * The embedded store only: how often to look for commits by another process on the same file
   * (the projector beside an API); unset, this process is the only writer.
   */
  watchOtherWritersMs?: number;
}

/**
 * Opens the store the configuration names; the embedded one lives in `<dataDir>/events.db`.
 * The PostgreSQL and EventStoreDB drivers load only when named (their entries connect lazily).
 */
export async function openEventStore(
  config: LedgerConfig,
  options: OpenEventStoreOptions = {},
): Promise<EventStore> {
  switch (config.eventStore) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return SqliteEventStore.open({
        file: join(config.dataDir, EVENTS_FILE),
        synchronous: config.sqliteSynchronous,
        watchOtherWritersMs: options.watchOtherWritersMs,
        // The process that writes copies the WAL back off its event loop; a reader of another
        // process's file (the projector) leaves that to the writer.
        backgroundCheckpointMs:
          options.watchOtherWritersMs === undefined && config.sqliteBackgroundCheckpointMs > 0
            ? config.sqliteBackgroundCheckpointMs
            : undefined,
      });
    case 'eventstoredb':
      // loadLedgerConfig requires the connection string for this store kind.
      if (config.eventStoreDbConnectionString === undefined) {
        throw new Error(
          'EVENTSTOREDB_CONNECTION_STRING: required for LEDGER_EVENT_STORE=eventstoredb',
        );
      }
      return connectEventStoreDb(config.eventStoreDbConnectionString);
    case 'postgres':
      // loadLedgerConfig requires the URL for this store kind.
      if (config.postgresUrl === undefined) {
        throw new Error('LEDGER_POSTGRES_URL: required for LEDGER_EVENT_STORE=postgres');
      }
      return connectPostgres(config.postgresUrl);
  }
}
