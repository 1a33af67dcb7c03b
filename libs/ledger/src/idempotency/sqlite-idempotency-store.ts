import Database from 'better-sqlite3';
import { CommandAnswer } from '../commands/command-answer';
import { IdempotencyClaim, IdempotencyStore } from './idempotency-store.port';

interface KeyRow {
  request_hash: string;
  answer: string | null;
}

/** SQLite's `synchronous` for the claims, as LEDGER_SQLITE_SYNCHRONOUS sets the event store's. */
export type IdempotencySynchronous = 'FULL' | 'EXTRA' | 'NORMAL';

const SYNCHRONOUS_MODES: readonly IdempotencySynchronous[] = ['FULL', 'EXTRA', 'NORMAL'];

/**
 * The idempotency key index in its own SQLite file (e.g. `<dataDir>/idempotency.db`).
 * A claim is committed with the event store's durability (`synchronous`, FULL by default): with
 * FULL it is on disk before the command's append starts, so after any crash a reused key is
 * still bound to its first request; with NORMAL a power loss may lose the last claims as it may
 * lose the last events. An answer is written without waiting for the disk (best effort, see
 * {@link complete}).
 */
export class SqliteIdempotencyStore implements IdempotencyStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, string, string]>;
  private readonly select: Database.Statement<[string, string], KeyRow>;
  private readonly answer: Database.Statement<[string, string, string]>;
  private readonly unbind: Database.Statement<[string, string, string]>;
  private readonly expire: Database.Statement<[string, number]>;
  private readonly noSync: Database.Statement<[]>;
  private readonly claimSync: Database.Statement<[]>;

  constructor(
    file: string,
    private readonly now: () => string = () => new Date().toISOString(),
    private readonly synchronous: IdempotencySynchronous = 'FULL',
  ) {
    if (!SYNCHRONOUS_MODES.includes(synchronous)) {
      throw new RangeError(`synchronous must be one of ${SYNCHRONOUS_MODES.join(', ')}`);
    }
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${synchronous}`);
    this.db.exec(`CREATE TABLE IF NOT EXISTS idempotency_keys (
      actor TEXT NOT NULL,
      idempotency_key TEXT NOT NULL,
      request_hash TEXT NOT NULL,
      answer TEXT,
      claimed_at TEXT NOT NULL,
      PRIMARY KEY (actor, idempotency_key)
    ) WITHOUT ROWID`);
    this.db.exec(
      'CREATE INDEX IF NOT EXISTS idempotency_keys_claimed_at ON idempotency_keys (claimed_at)',
    );
    this.insert = this.db.prepare(
      `INSERT OR IGNORE INTO idempotency_keys (actor, idempotency_key, request_hash, claimed_at)
       VALUES (?, ?, ?, ?)`,
    );
    this.select = this.db.prepare(
      'SELECT request_hash, answer FROM idempotency_keys WHERE actor = ? AND idempotency_key = ?',
    );
    this.answer = this.db.prepare(
      'UPDATE idempotency_keys SET answer = ? WHERE actor = ? AND idempotency_key = ?',
    );
    this.unbind = this.db.prepare(
      `DELETE FROM idempotency_keys
       WHERE actor = ? AND idempotency_key = ? AND request_hash = ? AND answer IS NULL`,
    );
    this.noSync = this.db.prepare('PRAGMA synchronous = NORMAL');
    this.claimSync = this.db.prepare(`PRAGMA synchronous = ${synchronous}`);
    this.expire = this.db.prepare(
      `DELETE FROM idempotency_keys WHERE (actor, idempotency_key) IN (
         SELECT actor, idempotency_key FROM idempotency_keys WHERE claimed_at < ? LIMIT ?)`,
    );
  }

  async claim(actor: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    const existing = this.select.get(actor, key);
    if (!existing) {
      this.insert.run(actor, key, requestHash, this.now());
      return this.claim(actor, key, requestHash);
    }
    if (existing.request_hash !== requestHash) return { kind: 'mismatch' };
    if (existing.answer === null) return { kind: 'proceed' };
    return { kind: 'answered', answer: JSON.parse(existing.answer) as CommandAnswer };
  }

  /**
   * Best effort (the keyed events answer a retry if it is lost), so its commit does not wait
   * for an fsync: with WAL, `synchronous=NORMAL` keeps the file consistent and only a power loss
   * can lose the answer; the next claim's FULL commit syncs it with its own. One fsync less per
   * keyed command, as the PostgreSQL index does with synchronous_commit. (Claims configured
   * NORMAL already are: nothing to switch.)
   */
  async complete(actor: string, key: string, answer: CommandAnswer): Promise<void> {
    if (this.synchronous === 'NORMAL') {
      this.answer.run(JSON.stringify(answer), actor, key);
      return;
    }
    this.noSync.run();
    try {
      this.answer.run(JSON.stringify(answer), actor, key);
    } finally {
      this.claimSync.run();
    }
  }

  async release(actor: string, key: string, requestHash: string): Promise<void> {
    this.unbind.run(actor, key, requestHash);
  }

  async prune(before: string, batchSize: number): Promise<number> {
    return this.expire.run(before, batchSize).changes;
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
