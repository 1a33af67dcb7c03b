import type { IdempotencyStore } from './idempotency-store.port';

/**
 * Opens the Idempotency-Key index on PostgreSQL (connects, creates its table). The adapter and
 * the `pg` driver are required only here, so a SQLite ledger never loads them.
 */
export async function connectPostgresIdempotency(
  connectionString: string,
  now: () => string,
): Promise<IdempotencyStore> {
  const { PostgresIdempotencyStore } = await import('./postgres-idempotency-store');
  return PostgresIdempotencyStore.connect({ connectionString, now });
}
