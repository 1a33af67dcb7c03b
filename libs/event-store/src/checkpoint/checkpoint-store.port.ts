/** A signed checkpoint as kept: the note exactly as signed, and what it covers. */
export interface KeptCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  /** The whole signed note (checkpoint body, blank line, signature line). */
  note: string;
  /** ISO time of signing. */
  signedAt: string;
}

/**
 * Every checkpoint the ledger signed. Append-only: a tree size is signed once and its note never
 * changes. Asynchronous so that a store in a shared database can stand behind it; the embedded
 * one is `SqliteCheckpointStore` (`@app/event-store/sqlite`), chosen by a composition root.
 */
export interface CheckpointStore {
  latest(): Promise<KeptCheckpoint | undefined>;
  atSize(treeSize: number): Promise<KeptCheckpoint | undefined>;
  /** Keeps a checkpoint; one already kept for that size stays (the first signature wins). */
  keep(checkpoint: KeptCheckpoint): Promise<KeptCheckpoint>;
  close(): void;
}
