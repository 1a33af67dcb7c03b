import { LedgerConfig } from '@app/config';
import { CheckpointSignal } from '@app/projections';
import { PostgresCheckpointSignal } from '@app/projections/postgres';

/**
 * What wakes a process that reads read models another process writes: read models in
 * PostgreSQL notify every commit; the embedded ones have no signal (their readers poll).
 */
export async function openCheckpointSignal(
  config: LedgerConfig,
): Promise<CheckpointSignal | undefined> {
  if (config.readModels !== 'postgres' || config.postgresUrl === undefined) return undefined;
  return PostgresCheckpointSignal.connect(config.postgresUrl);
}
