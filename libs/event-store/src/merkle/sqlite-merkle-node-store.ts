import type { Database, Statement } from 'better-sqlite3';
import type { MerkleNode, MerkleNodeId } from './merkle-node';
import type { MerkleNodeStore } from './merkle-node-store.port';
import { leavesOf, postOrderId } from './post-order';

/** The table the SQLite node store keeps (created by the embedded store's migration or by the follower). */
export const MERKLE_TREE_DDL = `
  -- The Merkle log's perfect subtrees (level 0: the leaf hashes), keyed by their post-order id
  -- (post-order.ts): each append only adds rows at the end. Written once, never updated.
  CREATE TABLE IF NOT EXISTS merkle_tree (
    id   INTEGER PRIMARY KEY,
    hash BLOB    NOT NULL
  );
`;

/**
 * Perfect subtrees in a SQLite table. It opens no transaction of its own: the caller's
 * transaction (the append's, or the follower's batch) makes the nodes and the events they
 * cover durable together.
 */
export class SqliteMerkleNodeStore implements MerkleNodeStore {
  private readonly lastId: Statement<[], number>;
  private readonly nodeQuery: Statement<[number], Buffer>;
  private readonly insert: Statement<[number, Buffer]>;

  constructor(db: Database) {
    this.lastId = db
      .prepare<[], number>('SELECT id FROM merkle_tree ORDER BY id DESC LIMIT 1')
      .pluck();
    this.nodeQuery = db
      .prepare<[number], Buffer>('SELECT hash FROM merkle_tree WHERE id = ?')
      .pluck();
    this.insert = db.prepare('INSERT INTO merkle_tree (id, hash) VALUES (?, ?)');
  }

  size(): number {
    const last = this.lastId.get();
    return last === undefined ? 0 : leavesOf(last + 1);
  }

  nodes(ids: readonly MerkleNodeId[]): Buffer[] {
    return ids.map(({ level, index }) => {
      const hash = this.nodeQuery.get(postOrderId(level, index));
      if (hash === undefined) throw new Error(`Merkle node ${level}/${index} is missing`);
      return hash;
    });
  }

  add(nodes: readonly MerkleNode[]): void {
    for (const { level, index, hash } of nodes) this.insert.run(postOrderId(level, index), hash);
  }
}
