import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '@app/event-store';
import { connectEventStoreDb } from '@app/event-store/eventstoredb';
import { connectPostgres } from '@app/event-store/postgres';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { LedgerConfig } from '@app/config';
import { connectPostgresIdempotency, IdempotencyStore, SqliteIdempotencyStore } from '@app/ledger';
import { connectPostgresReadModels, ReadModelStore, SqliteReadModelStore } from '@app/projections';

/** How often the projector looks for the API's commits to the embedded store. */
export const WATCH_API_COMMITS_MS = 20;

/**
 * The store the configuration names, as the projector follows it. The embedded one is the
 * API's `<dataDir>/events.db`: SQLite in WAL mode lets this second process read it while the
 * API writes (and the saga's rare appends queue for its write lock).
 */
export async function openProjectorStore(config: LedgerConfig): Promise<EventStore> {
  switch (config.eventStore) {
    case 'sqlite':
      mkdirSync(config.dataDir, { recursive: true });
      return SqliteEventStore.open({
        file: join(config.dataDir, 'events.db'),
        synchronous: config.sqliteSynchronous,
        watchOtherWritersMs: WATCH_API_COMMITS_MS,
      });
    case 'eventstoredb':
      if (config.eventStoreDbConnectionString === undefined) {
        throw new Error(
          'EVENTSTOREDB_CONNECTION_STRING: required for LEDGER_EVENT_STORE=eventstoredb',
        );
      }
      return connectEventStoreDb(config.eventStoreDbConnectionString);
    case 'postgres':
      if (config.postgresUrl === undefined) {
        throw new Error('LEDGER_POSTGRES_URL: required for LEDGER_EVENT_STORE=postgres');
      }
      return connectPostgres(config.postgresUrl);
  }
}

/** The read models the API reads: `<dataDir>/read-models.db`, or PostgreSQL (LEDGER_READ_MODELS). */
export async function openReadModels(config: LedgerConfig): Promise<ReadModelStore> {
  if (config.readModels === 'sqlite') {
    return SqliteReadModelStore.open({ file: join(config.dataDir, 'read-models.db') });
  }
  if (config.postgresUrl === undefined) {
    throw new Error('LEDGER_POSTGRES_URL: required for LEDGER_READ_MODELS=postgres');
  }
  return connectPostgresReadModels(config.postgresUrl);
}

/**
 * The Idempotency-Key index the API uses (the saga's commands carry no key, but the command
 * side needs one): PostgreSQL whenever the ledger has one, else `<dataDir>/idempotency.db`.
 */
export async function openIdempotencyStore(
  config: LedgerConfig,
  now: () => string,
): Promise<IdempotencyStore> {
  if (config.idempotencyKeys === 'sqlite') {
    return new SqliteIdempotencyStore(join(config.dataDir, 'idempotency.db'), now);
  }
  if (config.postgresUrl === undefined) {
    throw new Error('LEDGER_POSTGRES_URL: required for idempotency keys in PostgreSQL');
  }
  return connectPostgresIdempotency(config.postgresUrl, now);
}
