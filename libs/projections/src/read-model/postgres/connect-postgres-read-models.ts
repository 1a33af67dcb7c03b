import type { OwnershipFence } from '../../projector/ownership-fence';
import type { ReadModelStore } from '../read-model-store';

/**
 * Opens the read models on PostgreSQL (connects, creates the schema). The adapter and the `pg`
 * driver are required only here, so a SQLite ledger never loads them.
 */
export async function connectPostgresReadModels(
  connectionString: string,
  options: { fence?: OwnershipFence } = {},
): Promise<ReadModelStore> {
  const { PostgresReadModelStore } = await import('./postgres-read-model-store');
  return PostgresReadModelStore.connect({ connectionString, fence: options.fence });
}
