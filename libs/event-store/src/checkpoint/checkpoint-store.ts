import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** A signed checkpoint as kept: the note exactly as signed, and what it covers. */
export interface KeptCheckpoint {
  treeSize: number;
  rootHash: Buffer;
  /** The whole signed note (checkpoint body, blank line, signature line). */
  note: string;
  /** ISO time of signing. */
  signedAt: string;
}

type Row = { tree_size: number; root_hash: Buffer; note: string; signed_at: string };

/**
 * Every checkpoint the ledger signed, in its own SQLite file in the data dir (the same for
 * every event store kind). Append-only: a tree size is signed once and its note never changes.
 */
export class CheckpointStore {
  private constructor(private readonly db: Database.Database) {}

  static open(file: string): CheckpointStore {
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
    return new CheckpointStore(db);
  }

  latest(): KeptCheckpoint | undefined {
    const row = this.db
      .prepare<[], Row>('SELECT * FROM checkpoints ORDER BY tree_size DESC LIMIT 1')
      .get();
    return row && toKept(row);
  }

  atSize(treeSize: number): KeptCheckpoint | undefined {
    const row = this.db
      .prepare<[number], Row>('SELECT * FROM checkpoints WHERE tree_size = ?')
      .get(treeSize);
    return row && toKept(row);
  }

  /** Keeps a checkpoint; one already kept for that size stays (the first signature wins). */
  keep(checkpoint: KeptCheckpoint): KeptCheckpoint {
    this.db
      .prepare(
        'INSERT OR IGNORE INTO checkpoints (tree_size, root_hash, note, signed_at) VALUES (?, ?, ?, ?)',
      )
      .run(checkpoint.treeSize, checkpoint.rootHash, checkpoint.note, checkpoint.signedAt);
    return this.atSize(checkpoint.treeSize) ?? checkpoint;
  }

  close(): void {
    if (this.db.open) this.db.close();
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
