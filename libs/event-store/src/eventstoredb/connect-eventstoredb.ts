import type { EventStore } from '../event-store.port';

/**
 * Opens an EventStoreDB store (parses the connection string, connects lazily). The adapter and
 * its gRPC client (about 200 ms to load) are required only here, so a SQLite ledger and the
 * CLI's `--help` never load them.
 */
export async function connectEventStoreDb(connectionString: string): Promise<EventStore> {
  const { EventStoreDbEventStore } = await import('./eventstoredb-event-store');
  return EventStoreDbEventStore.connect(connectionString);
}
