import type { Database, Statement } from 'better-sqlite3';
import type { MerkleNode, MerkleNodeId } from '../merkle/merkle-node';
import type { MerkleNodeStore } from '../merkle/merkle-node-store.port';
import { leavesOf, postOrderId } from '../merkle/post-order';

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

/**
 * Perfect subtrees in a SQLite table. It opens no transaction of its own: the caller's
 * transaction (the append's, or the follower's batch) makes the nodes and the events they
 * cover durable together.
 */
export class SqliteMerkleNodeStore implements MerkleNodeStore {
  private readonly lastRun: Statement<[], { id: number; hash: Buffer }>;
  private readonly runOf: Statement<[number], { id: number; hash: Buffer }>;
  private readonly insert: Statement<[number, Buffer]>;

  constructor(db: Database) {
    this.lastRun = db.prepare('SELECT id, hash FROM merkle_tree ORDER BY id DESC LIMIT 1');
    this.runOf = db.prepare(
      'SELECT id, hash FROM merkle_tree WHERE id <= ? ORDER BY id DESC LIMIT 1',
    );
    this.insert = db.prepare('INSERT INTO merkle_tree (id, hash) VALUES (?, ?)');
  }

  size(): number {
    const last = this.lastRun.get();
    return last === undefined ? 0 : leavesOf(last.id + last.hash.length / HASH);
  }

  nodes(ids: readonly MerkleNodeId[]): Buffer[] {
    return ids.map(({ level, index }) => {
      const id = postOrderId(level, index);
      const run = this.runOf.get(id);
      const at = run === undefined ? -1 : (id - run.id) * HASH;
      if (run === undefined || at + HASH > run.hash.length) {
        throw new Error(`Merkle node ${level}/${index} is missing`);
      }
      return run.hash.subarray(at, at + HASH);
    });
  }

  /** `nodes` come in the order the tree created them: consecutive post-order ids. */
  add(nodes: readonly MerkleNode[]): void {
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
  }
}
