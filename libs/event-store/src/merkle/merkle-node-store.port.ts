import type { MerkleNode, MerkleNodeId } from './merkle-node';

/**
 * Where a Merkle log keeps its perfect subtrees: the one port an adapter implements to hold
 * the tree (the embedded store in its own transaction; the follower of another store in a file
 * of its own; a later PostgreSQL store in its database). Synchronous because both SQLite
 * callers run inside a synchronous transaction.
 */
export interface MerkleNodeStore {
  /** Leaves in the tree. */
  size(): number;
  /** The stored hashes of these perfect subtrees, in the same order; throws if one is absent. */
  nodes(ids: readonly MerkleNodeId[]): Buffer[];
  /** Stores newly completed subtrees; afterwards `size()` is `newSize`. */
  add(nodes: readonly MerkleNode[], newSize: number): void;
}
