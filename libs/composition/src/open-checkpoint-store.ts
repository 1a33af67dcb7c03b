import { join } from 'node:path';
import { CheckpointStore } from '@app/event-store';
import { SqliteCheckpointStore } from '@app/event-store/sqlite';

/**
 * The checkpoints this ledger signed, in `<dataDir>/checkpoints.db` whatever the event store
 * (the API signs them, the CLI reads and extends them).
 */
export function openCheckpointStore(dataDir: string): CheckpointStore {
  return SqliteCheckpointStore.open(join(dataDir, 'checkpoints.db'));
}
