import type { EventStore } from '../event-store.port';

/**
 * Opens the PostgreSQL store (connects, migrates the schema, starts listening). The adapter and
 * the `pg` driver are required only here, so a SQLite ledger never loads them.
 */
export async function connectPostgres(connectionString: string): Promise<EventStore> {
  const { PostgresEventStore } = await import('./postgres-event-store');
  return PostgresEventStore.connect({ connectionString });
}
