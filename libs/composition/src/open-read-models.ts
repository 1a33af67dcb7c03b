import { join } from 'node:path';
import { LedgerConfig } from '@app/config';
import { OwnershipFence, ReadModelStore } from '@app/projections';
import { connectPostgresReadModels } from '@app/projections/postgres';
import { SqliteReadModelStore } from '@app/projections/sqlite';

/** Read models in `<dataDir>/read-models.db` (disposable: deleting it rebuilds everything). */
export const READ_MODELS_FILE = 'read-models.db';

export interface OpenReadModelsOptions {
  /**
   * The owner tokens of the projections this process writes (its ownership's fence): shared
   * read models then refuse its commits once another process owns the projection.
   */
  fence?: OwnershipFence;
}

/**
 * Opens the read models the configuration names: the embedded file of this process, or the
 * PostgreSQL database every API and projector shares (LEDGER_READ_MODELS).
 */
export async function openReadModels(
  config: LedgerConfig,
  options: OpenReadModelsOptions = {},
): Promise<ReadModelStore> {
  if (config.readModels === 'sqlite') {
    return SqliteReadModelStore.open({ file: join(config.dataDir, READ_MODELS_FILE) });
  }
  // loadLedgerConfig requires the URL for LEDGER_READ_MODELS=postgres.
  if (config.postgresUrl === undefined) {
    throw new Error('LEDGER_POSTGRES_URL: required for LEDGER_READ_MODELS=postgres');
  }
  return connectPostgresReadModels(config.postgresUrl, { fence: options.fence });
}
