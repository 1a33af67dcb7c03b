import type { Database, Statement } from 'better-sqlite3';
import type { MerkleNode, MerkleNodeId } from './merkle-node';
import type { MerkleNodeStore } from './merkle-node-store.port';

/** The table the SQLite node store keeps (created by the embedded store's migration or by the follower). */
export const MERKLE_NODES_DDL = `
  -- The Merkle log's perfect subtrees: level 0 are the leaf hashes (leaf index = idx), level L
  -- node idx covers leaves [idx·2^L, (idx+1)·2^L). Written once, never updated.
  CREATE TABLE IF NOT EXISTS merkle_nodes (
    level INTEGER NOT NULL,
    idx   INTEGER NOT NULL,
    hash  BLOB    NOT NULL,
    PRIMARY KEY (level, idx)
  ) WITHOUT ROWID;
`;

/**
 * Perfect subtrees in a SQLite table. It opens no transaction of its own: the caller's
 * transaction (the append's, or the follower's batch) makes the nodes and the events they
 * cover durable together.
 */
export class SqliteMerkleNodeStore implements MerkleNodeStore {
  private readonly sizeQuery: Statement<[], number>;
  private readonly nodeQuery: Statement<[number, number], Buffer>;
  private readonly insert: Statement<[number, number, Buffer]>;

  constructor(db: Database) {
    this.sizeQuery = db
      .prepare<[], number>(
        'SELECT idx + 1 FROM merkle_nodes WHERE level = 0 ORDER BY idx DESC LIMIT 1',
      )
      .pluck();
    this.nodeQuery = db
      .prepare<[number, number], Buffer>(
        'SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?',
      )
      .pluck();
    this.insert = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
  }

  size(): number {
    return this.sizeQuery.get() ?? 0;
  }

  nodes(ids: readonly MerkleNodeId[]): Buffer[] {
    return ids.map(({ level, index }) => {
      const hash = this.nodeQuery.get(level, index);
      if (hash === undefined) throw new Error(`Merkle node ${level}/${index} is missing`);
      return hash;
    });
  }

  add(nodes: readonly MerkleNode[]): void {
    for (const { level, index, hash } of nodes) this.insert.run(level, index, hash);
  }
}
