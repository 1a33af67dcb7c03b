import type { MerkleLog } from './merkle-log.port';

/** One event as the follower adds it: where it is in the store, and its chain hash. */
export interface FollowedEvent {
  position: string;
  hash: string;
}

/**
 * Where a {@link MerkleLogFollower} keeps the tree of a store that cannot hold it in its own
 * append transaction (EventStoreDB; later PostgreSQL, which implements this same port in its
 * database). `addBatch` is atomic: the leaves and the checkpoint naming the position and tree
 * size they cover are stored together or not at all.
 */
export interface FollowedTreeStore {
  /** The position of the last event in the tree (undefined: none yet) and the tree size. */
  checkpoint(): { position: string | undefined; treeSize: number };
  addBatch(events: readonly FollowedEvent[]): void;
  /** Proofs and roots over what has been followed so far. */
  reader(): MerkleLog;
  close(): void;
}
