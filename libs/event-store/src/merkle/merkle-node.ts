/**
 * A perfect (complete) subtree of the log: at `level` L, `index` i it covers leaves
 * [i·2^L, (i+1)·2^L). Level 0 nodes are the leaf hashes. Once its last leaf exists a perfect
 * subtree never changes, so it can be stored once and read back for every later proof.
 */
export interface MerkleNodeId {
  level: number;
  index: number;
}

export interface MerkleNode extends MerkleNodeId {
  hash: Buffer;
}

/** A range of leaves [start, end) whose subtree hash a proof needs. */
export interface LeafRange {
  start: number;
  end: number;
}
