import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { eventLeafHash } from '../merkle/merkle-hash';
import type { MerkleLog } from '../merkle/merkle-log.port';
import { MerkleTree } from '../merkle/merkle-tree';
import type { FollowedEvent, FollowedTreeStore } from '../merkle/followed-tree.port';
import { MERKLE_TREE_DDL, SqliteMerkleNodeStore } from './sqlite-merkle-node-store';
import { TreeBackedMerkleLog } from '../merkle/tree-backed-merkle-log';

/** The followed tree in a SQLite file of its own (e.g. `<dataDir>/merkle.db`). */
export class SqliteFollowedTree implements FollowedTreeStore {
  private readonly nodes: SqliteMerkleNodeStore;
  private readonly tree: MerkleTree;
  private readonly insertLeaf: Database.Statement<[number, string]>;
  private readonly leafOf: Database.Statement<[string], number>;
  private readonly saveCheckpoint: Database.Statement<[string, number]>;

  private constructor(private readonly db: Database.Database) {
    this.nodes = new SqliteMerkleNodeStore(db);
    this.tree = new MerkleTree(this.nodes);
    this.insertLeaf = db.prepare('INSERT INTO merkle_leaves (leaf_index, position) VALUES (?, ?)');
    this.leafOf = db
      .prepare<[string], number>('SELECT leaf_index FROM merkle_leaves WHERE position = ?')
      .pluck();
    this.saveCheckpoint = db.prepare(
      'INSERT INTO merkle_follower (id, position, tree_size) VALUES (1, ?, ?) ' +
        'ON CONFLICT (id) DO UPDATE SET position = excluded.position, tree_size = excluded.tree_size',
    );
  }

  static open(file: string): SqliteFollowedTree {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`
      ${MERKLE_TREE_DDL}
      -- the store position of each leaf (positions of other stores are not leaf index + 1)
      CREATE TABLE IF NOT EXISTS merkle_leaves (
        leaf_index INTEGER PRIMARY KEY,
        position   TEXT    NOT NULL UNIQUE
      );
      -- the follower's checkpoint: the last position in the tree and the tree size it makes
      CREATE TABLE IF NOT EXISTS merkle_follower (
        id        INTEGER PRIMARY KEY CHECK (id = 1),
        position  TEXT    NOT NULL,
        tree_size INTEGER NOT NULL
      );
    `);
    return new SqliteFollowedTree(db);
  }

  checkpoint(): { position: string | undefined; treeSize: number } {
    const row = this.db
      .prepare<[], { position: string; tree_size: number }>(
        'SELECT position, tree_size FROM merkle_follower WHERE id = 1',
      )
      .get();
    return { position: row?.position, treeSize: row?.tree_size ?? 0 };
  }

  addBatch(events: readonly FollowedEvent[]): void {
    if (events.length === 0) return;
    try {
      this.db.transaction(() => {
        const start = this.tree.size();
        events.forEach((event, i) => this.insertLeaf.run(start + i, event.position));
        const size = this.tree.append(events.map((event) => eventLeafHash(event.hash)));
        this.saveCheckpoint.run(events[events.length - 1].position, size);
      })();
    } catch (error) {
      // Rolled back: what the node store remembers of this batch's nodes is not stored.
      this.nodes.forget();
      throw error;
    }
  }

  reader(): MerkleLog {
    return new TreeBackedMerkleLog(this.tree, (position) => this.leafOf.get(position));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
