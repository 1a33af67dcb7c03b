import type { Database, Statement } from 'better-sqlite3';
import { eventLeafHash } from '../merkle/merkle-hash';
import type { MerkleLog } from '../merkle/merkle-log.port';
import { MerkleTree } from '../merkle/merkle-tree';
import type { CommitParticipant } from './commit-participant';
import { SqliteMerkleNodeStore } from './sqlite-merkle-node-store';
import { TreeBackedMerkleLog } from '../merkle/tree-backed-merkle-log';

/** Rows read per transaction while building the tree over events stored before it existed. */
const CATCH_UP_PAGE = 10_000;

/**
 * The embedded store's Merkle log, kept in the same file and the same transaction as the
 * events. On this store the leaf index of an event is its position − 1: positions are the
 * rowids 1, 2, 3, … (rows are never deleted and a rolled-back insert frees its rowid), and
 * every append checks that the first new position is the tree size + 1, so the two can never
 * drift apart silently.
 *
 * The leaves of a group commit's appends are added to the tree together, once its writes are
 * done and before its COMMIT (see CommitParticipant): one run of nodes per commit, not per append,
 * and still in the same transaction as the events.
 */
export class SqliteMerkleLog implements CommitParticipant {
  private readonly nodes: SqliteMerkleNodeStore;
  private readonly tree: MerkleTree;
  private readonly eventsAfter: Statement<[number, number], [number, string]>;
  /** Leaf hashes of this transaction's appends, in position order, not in the tree yet. */
  private staged: Buffer[] = [];
  private off = false;

  constructor(private readonly db: Database) {
    this.nodes = new SqliteMerkleNodeStore(db);
    this.tree = new MerkleTree(this.nodes);
    this.eventsAfter = db
      .prepare<[number, number], [number, string]>(
        'SELECT position, hash FROM events WHERE position > ? ORDER BY position LIMIT ?',
      )
      .raw();
  }

  /**
   * Stages the leaves of events just inserted at firstPosition, firstPosition + 1, …; inside the
   * append's transaction, whose commit adds them to the tree (`beforeCommit`).
   */
  record(firstPosition: number, chainHashes: readonly string[]): void {
    if (this.off) return;
    const size = this.tree.size() + this.staged.length;
    if (firstPosition !== size + 1) {
      throw new Error(
        `the Merkle log holds ${size} events but the next event got position ${firstPosition}: ` +
          'the events table was changed outside the ledger (run ledger verify)',
      );
    }
    for (const hash of chainHashes) this.staged.push(eventLeafHash(hash));
  }

  mark(): number {
    return this.staged.length;
  }

  /** The append that staged leaves after `mark` was rolled back: its positions are free again. */
  rewind(mark: number): void {
    this.staged.length = mark;
  }

  beforeCommit(): void {
    if (this.staged.length === 0) return;
    const leaves = this.staged;
    this.staged = [];
    this.tree.append(leaves);
  }

  rolledBack(): void {
    this.staged = [];
    this.nodes.forget();
  }

  /** Builds the tree over events stored before it existed (a store from before the Merkle log). */
  catchUp(): void {
    for (;;) {
      const done = this.withForgetOnFailure(() =>
        this.db
          .transaction(() => {
            const size = this.tree.size();
            const rows = this.eventsAfter.all(size, CATCH_UP_PAGE);
            if (rows.length === 0) return true;
            rows.forEach(([position], i) => {
              if (position !== size + 1 + i) {
                throw new Error(`event positions skip from ${size + i} to ${position}`);
              }
            });
            this.tree.append(rows.map(([, hash]) => eventLeafHash(hash)));
            return rows.length < CATCH_UP_PAGE;
          })
          .immediate(),
      );
      if (done) return;
    }
  }

  private withForgetOnFailure<T>(work: () => T): T {
    try {
      return work();
    } catch (error) {
      this.nodes.forget();
      throw error;
    }
  }

  /** Stops keeping the tree in this process (see SqliteEventStoreOptions.merkleLog). */
  switchOff(): void {
    this.off = true;
  }

  /**
   * The read face the audit routes use.
   * @param untilDurable waits until a tree size is on disk, when the tree may be ahead of it
   *   (durable-head.ts)
   */
  reader(untilDurable?: (treeSize: number) => Promise<void> | undefined): MerkleLog {
    if (this.off) throw new Error('this store was opened without its Merkle log');
    return new TreeBackedMerkleLog(
      this.tree,
      (position) => {
        if (!/^[1-9][0-9]{0,15}$/.test(position)) return undefined;
        const leafIndex = Number(position) - 1;
        return leafIndex < this.tree.size() ? leafIndex : undefined;
      },
      untilDurable,
    );
  }
}
