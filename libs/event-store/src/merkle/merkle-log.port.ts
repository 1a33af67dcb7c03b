/** Injection token for the process's Merkle log (the embedded store's own, or a follower's). */
export const MERKLE_LOG = Symbol('MERKLE_LOG');

/**
 * The log as an RFC 9162 Merkle tree: leaf i is the i-th event of the log (leaf index 0 is the
 * first event), hashed as SHA-256(0x00 ‖ the event's 32-byte chain hash). Sizes and indexes are
 * leaf counts, never store positions; `leafIndexOf` maps a position to its leaf.
 */
export interface MerkleLog {
  /** Leaves in the tree now (a follower may trail the store). */
  treeSize(): Promise<number>;
  /** MTH of the first `treeSize` leaves. */
  root(treeSize: number): Promise<Buffer>;
  /** The leaf index of the event at `position`, or undefined when the tree does not hold it. */
  leafIndexOf(position: string): Promise<number | undefined>;
  leafHash(leafIndex: number): Promise<Buffer>;
  inclusionProof(leafIndex: number, treeSize: number): Promise<Buffer[]>;
  consistencyProof(from: number, to: number): Promise<Buffer[]>;
}
