import { LedgerConfig } from '@app/config';
import { ProjectionOwnership, ReadModelStore } from '@app/projections';
import { PostgresAdvisoryOwnership } from '@app/projections/postgres';
import { FileLockOwnership } from '@app/projections/sqlite';
import { openReadModels } from './open-read-models';

/**
 * Which projections a process owns, locked where the read models are: in PostgreSQL a session
 * advisory lock each, in the database every projector and API shares; in SQLite the read models
 * are one file in the data dir, owned as a whole through `<dataDir>/projector.lock`.
 */
export async function openProjectionOwnership(
  config: LedgerConfig,
  holder: string,
): Promise<ProjectionOwnership> {
  if (config.readModels === 'postgres') {
    // loadLedgerConfig requires the URL for LEDGER_READ_MODELS=postgres.
    if (config.postgresUrl === undefined) {
      throw new Error('LEDGER_POSTGRES_URL: required for LEDGER_READ_MODELS=postgres');
    }
    return PostgresAdvisoryOwnership.connect(config.postgresUrl);
  }
  return new FileLockOwnership(config.dataDir, holder);
}

/**
 * A projector's ownership and the read models it writes, opened together (each once, on first
 * call): the read models commit fenced by the ownership's owner tokens, so a projector that
 * lost its locks cannot commit after another took its projections over.
 */
export function openOwnedReadModels(
  config: LedgerConfig,
  holder: string,
): { ownership: () => Promise<ProjectionOwnership>; readModels: () => Promise<ReadModelStore> } {
  let ownership: Promise<ProjectionOwnership> | undefined;
  const owned = () => (ownership ??= openProjectionOwnership(config, holder));
  return {
    ownership: owned,
    readModels: async () => openReadModels(config, { fence: (await owned()).fence }),
  };
}
