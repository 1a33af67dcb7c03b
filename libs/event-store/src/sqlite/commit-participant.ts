/**
 * State a store keeps beside the transaction of a group commit (the Merkle log's leaves, added
 * to the tree once per commit instead of once per append). It follows the transaction: a write
 * rolled back to its savepoint takes back what it staged, and a transaction rolled back as a
 * whole takes back everything.
 */
export interface CommitParticipant {
  /** Before each write of a batch: where `rewind` returns if that write is rolled back. */
  mark(): number;
  rewind(mark: number): void;
  /** After the batch's writes, inside its transaction, before COMMIT; throwing fails the batch. */
  beforeCommit(): void;
  /** The transaction was rolled back, or its COMMIT failed: forget what it staged or cached. */
  rolledBack(): void;
  /** Its COMMIT returned (not yet known to be on disk). */
  committed?(): void;
  /** The oldest commit not yet durable is on disk now (called in commit order). */
  durable?(): void;
}
