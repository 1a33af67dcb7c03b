/** Wakes readers in other processes when a projector committed checkpoints. */
export interface CheckpointSignal {
  listen(listener: () => void): void;
  close(): Promise<void>;
}
