import { ProjectionCheckpoint } from '../read-model/read-model-store';

/**
 * Wakes readers in other processes when a projector committed checkpoints. A wake-up carries
 * the checkpoints that commit wrote, as committed, when the signal can tell them; without them
 * (a lost connection, a payload it could not read) the reader reads every checkpoint instead.
 */
export interface CheckpointSignal {
  listen(listener: (committed?: readonly ProjectionCheckpoint[]) => void): void;
  close(): Promise<void>;
}
