import type { Database, Statement } from 'better-sqlite3';
import type { MerkleNode, MerkleNodeId } from '../merkle/merkle-node';
import type { MerkleNodeStore } from '../merkle/merkle-node-store.port';
import { leavesOf, postOrderId, rightEdge } from '../merkle/post-order';

/** The table the SQLite node store keeps (created by the embedded store's migration or by the follower). */
export const MERKLE_TREE_DDL = `
  -- The Merkle log's perfect subtrees (level 0: the leaf hashes), numbered by post-order id
  -- (post-order.ts). A row holds a run of consecutive ids: \`hash\` is the 32-byte hashes of
  -- nodes id, id + 1, … concatenated, so an append adds one row at the end of the index
  -- whatever the number of nodes it completes. Written once, never updated.
  CREATE TABLE IF NOT EXISTS merkle_tree (
    id   INTEGER PRIMARY KEY,
    hash BLOB    NOT NULL
  );
`;

const HASH = 32;
/** Most nodes per row (8 KiB of hashes), so a long catch-up does not make one huge row. */
const RUN = 256;

/** What this connection knows of the stored tree: its size and right edge (post-order id → hash). */
interface Known {
  /** `PRAGMA data_version` when it was read: another connection's commit moves it. */
  version: number;
  leaves: number;
  /** The post-order ids of the right edge. */
  edgeIds: ReadonlySet<number>;
  /** The hashes of those of them seen so far. */
  edge: Map<number, Buffer>;
}

/**
 * Perfect subtrees in a SQLite table. It opens no transaction of its own: the caller's
 * transaction (the append's, or the follower's batch) makes the nodes and the events they
 * cover durable together.
 *
 * It remembers the tree's size and right edge between appends, so an append reads nothing
 * back. That memory holds while no other connection wrote the file: `size()` checks
 * `PRAGMA data_version`, which only their commits move, and `nodes` and `add` trust the check
 * of the `size()` that comes first (MerkleTree asks it first). A caller whose transaction rolls
 * back after `add` must call `forget`.
 */
export class SqliteMerkleNodeStore implements MerkleNodeStore {
  private readonly lastRun: Statement<[], { id: number; hash: Buffer }>;
  private readonly runOf: Statement<[number], { id: number; hash: Buffer }>;
  private readonly insert: Statement<[number, Buffer]>;
  private readonly dataVersion: Statement<[], number>;
  private known: Known | undefined;

  constructor(db: Database) {
    this.lastRun = db.prepare('SELECT id, hash FROM merkle_tree ORDER BY id DESC LIMIT 1');
    this.runOf = db.prepare(
      'SELECT id, hash FROM merkle_tree WHERE id <= ? ORDER BY id DESC LIMIT 1',
    );
    this.insert = db.prepare('INSERT INTO merkle_tree (id, hash) VALUES (?, ?)');
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  size(): number {
    return this.current().leaves;
  }

  /** Called after `size()` in the same step (MerkleTree always asks the size first). */
  nodes(ids: readonly MerkleNodeId[]): Buffer[] {
    const { edge, edgeIds } = this.known ?? this.current();
    return ids.map(({ level, index }) => {
      const id = postOrderId(level, index);
      let hash = edge.get(id);
      if (hash === undefined) {
        hash = this.read(id, level, index);
        if (edgeIds.has(id)) edge.set(id, hash);
      }
      return hash;
    });
  }

  /** Forgets what it remembers of the tree (the transaction that added nodes rolled back). */
  forget(): void {
    this.known = undefined;
  }

  /** `nodes` come in the order the tree created them: consecutive post-order ids. */
  add(nodes: readonly MerkleNode[], newSize: number): void {
    if (nodes.length === 0) return;
    const first = postOrderId(nodes[0].level, nodes[0].index);
    nodes.forEach((node, i) => {
      if (postOrderId(node.level, node.index) !== first + i) {
        throw new Error('Merkle nodes must be added in the order they were created');
      }
    });
    for (let start = 0; start < nodes.length; start += RUN) {
      const run = nodes.slice(start, start + RUN);
      this.insert.run(first + start, Buffer.concat(run.map((node) => node.hash)));
    }
    // The new right edge is made of nodes of the old one and nodes just created (`size()`
    // came first in this transaction, which holds the write lock: no one else wrote since).
    const known = this.known ?? this.current();
    const hashes = new Map(known.edge);
    nodes.forEach((node, i) => hashes.set(first + i, node.hash));
    this.known = this.knowing(known.version, newSize);
    for (const id of this.known.edgeIds) {
      const hash = hashes.get(id);
      if (hash !== undefined) this.known.edge.set(id, hash);
    }
  }

  /** What it knows, read again if another connection wrote since. */
  private current(): Known {
    const version = this.dataVersion.get()!;
    if (this.known?.version === version) return this.known;
    const last = this.lastRun.get();
    const leaves = last === undefined ? 0 : leavesOf(last.id + last.hash.length / HASH);
    this.known = this.knowing(version, leaves);
    return this.known;
  }

  private knowing(version: number, leaves: number): Known {
    return { version, leaves, edgeIds: new Set(rightEdge(leaves)), edge: new Map() };
  }

  private read(id: number, level: number, index: number): Buffer {
    const run = this.runOf.get(id);
    const at = run === undefined ? -1 : (id - run.id) * HASH;
    if (run === undefined || at + HASH > run.hash.length) {
      throw new Error(`Merkle node ${level}/${index} is missing`);
    }
    return run.hash.subarray(at, at + HASH);
  }
}
