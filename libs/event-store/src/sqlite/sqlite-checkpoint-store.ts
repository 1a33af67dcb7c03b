import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CheckpointStore, KeptCheckpoint } from '../checkpoint/checkpoint-store.port';

type Row = { tree_size: number; root_hash: Buffer; note: string; signed_at: string };

/**
 * Every checkpoint the ledger signed, in its own SQLite file in the data dir (the same for
 * every event store kind). Append-only: a tree size is signed once and its note never changes.
 */
export class SqliteCheckpointStore implements CheckpointStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): SqliteCheckpointStore {
    mkdirSync(dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS checkpoints (
        tree_size INTEGER PRIMARY KEY,
        root_hash BLOB    NOT NULL,
        note      TEXT    NOT NULL,
        signed_at TEXT    NOT NULL
      );
    `);
    return new SqliteCheckpointStore(db);
  }

  latest(): Promise<KeptCheckpoint | undefined> {
    return Promise.resolve(this.latestNow());
  }

  atSize(treeSize: number): Promise<KeptCheckpoint | undefined> {
    return Promise.resolve(this.atSizeNow(treeSize));
  }

  /** Keeps a checkpoint; one already kept for that size stays (the first signature wins). */
  keep(checkpoint: KeptCheckpoint): Promise<KeptCheckpoint> {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO checkpoints (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)',
      )
      .run(checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.signedAt);
    return Promise.resolve(this.atSizeNow(checkpoint.treeSize) ?? checkpoint);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private latestNow(): KeptCheckpoint | undefined {
    const row = this.db
      .prepare<[], Row>('SELECT * FROM checkpoints ORDER BY tree_size DESC LIMIT 1')
      .get();
    return row && toKept(row);
  }

  private atSizeNow(treeSize: number): KeptCheckpoint | undefined {
    const row = this.db
      .prepare<[number], Row>('SELECT * FROM checkpoints WHERE tree_size = ?')
      .get(treeSize);
    return row && toKept(row);
  }
}

function toKept(row: Row): KeptCheckpoint {
  return {
    treeSize: row.tree_size,
    rootHash: row.root_hash,
    note: row.note,
    signedAt: row.signed_at,
  };
}
