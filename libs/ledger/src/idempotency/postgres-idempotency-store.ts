import { Pool } from 'pg';
import { CommandAnswer } from '../commands/command-answer';
import { IdempotencyClaim, IdempotencyStore } from './idempotency-store.port';

export interface PostgresIdempotencyStoreOptions {
  /** A `postgres://` connection string (its password is never logged or reported). */
  connectionString: string;
  /** Connections for claims. Default 4. */
  poolSize?: number;
  now?: () => string;
}

interface KeyRow {
  request_hash: string;
  answer: string | null;
}

/** Its own advisory key: two instances opening one fresh database create the table once. */
const SCHEMA_LOCK = 7283540003;

/** Binds the key unless bound; answers the binding either way, in one statement. */
const CLAIM = `WITH claimed AS (
    INSERT INTO idempotency_keys (actor, idempotency_key, request_hash, claimed_at)
    VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING request_hash, answer)
  SELECT request_hash, answer FROM claimed
  UNION ALL
  SELECT request_hash, answer FROM idempotency_keys WHERE actor = $1 AND idempotency_key = $2`;

/**
 * The Idempotency-Key index in PostgreSQL, shared by every API instance: a key bound by one
 * instance is bound for all, so a reuse with another request is refused wherever it arrives,
 * and a retry sent to another instance is answered from the first one's answer. Each statement
 * commits on its own; a claim is durable (WAL flushed) before the command's append starts.
 */
export class PostgresIdempotencyStore implements IdempotencyStore {
  private constructor(
    private readonly pool: Pool,
    private readonly now: () => string,
  ) {}

  static async connect(
    options: PostgresIdempotencyStoreOptions,
  ): Promise<PostgresIdempotencyStore> {
    const pool = new Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 4,
    });
    // An idle connection dropped by the server must not crash the process.
    pool.on('error', () => undefined);
    const client = await pool.connect().catch(async (error: unknown) => {
      await pool.end();
      throw error;
    });
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
      await client.query(`CREATE TABLE IF NOT EXISTS idempotency_keys (
        actor TEXT NOT NULL,
        idempotency_key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        answer TEXT,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (actor, idempotency_key))`);
      await client.query(
        'CREATE INDEX IF NOT EXISTS idempotency_keys_claimed_at ON idempotency_keys (claimed_at)',
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(true);
      await pool.end();
      throw error;
    }
    client.release();
    return new PostgresIdempotencyStore(pool, options.now ?? (() => new Date().toISOString()));
  }

  async claim(actor: string, key: string, requestHash: string): Promise<IdempotencyClaim> {
    // A claim racing another instance's uncommitted one waits for it, then finds nothing in
    // its own snapshot: the next statement sees the committed binding.
    for (let attempt = 0; attempt < 3; attempt++) {
      const { rows } = await this.pool.query<KeyRow>(CLAIM, [actor, key, requestHash, this.now()]);
      const bound = rows[0];
      if (!bound) continue;
      if (bound.request_hash !== requestHash) return { kind: 'mismatch' };
      if (bound.answer === null) return { kind: 'proceed' };
      return { kind: 'answered', answer: JSON.parse(bound.answer) as CommandAnswer };
    }
    throw new Error('the Idempotency-Key could not be claimed: it kept changing');
  }

  /**
   * Best effort (the keyed events answer a retry if it is lost), so its commit does not wait
   * for the WAL flush: `set_config(..., true)` sets synchronous_commit for this statement's own
   * transaction, and the command answers one flush sooner.
   */
  async complete(actor: string, key: string, answer: CommandAnswer): Promise<void> {
    await this.pool.query(
      `UPDATE idempotency_keys SET answer = $3
       FROM (SELECT set_config('synchronous_commit', 'off', true)) AS no_flush
       WHERE actor = $1 AND idempotency_key = $2`,
      [actor, key, JSON.stringify(answer)],
    );
  }

  async release(actor: string, key: string, requestHash: string): Promise<void> {
    await this.pool.query(
      `DELETE FROM idempotency_keys
       WHERE actor = $1 AND idempotency_key = $2 AND request_hash = $3 AND answer IS NULL`,
      [actor, key, requestHash],
    );
  }

  async prune(before: string, batchSize: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM idempotency_keys WHERE (actor, idempotency_key) IN (
         SELECT actor, idempotency_key FROM idempotency_keys WHERE claimed_at < $1 LIMIT $2)`,
      [before, batchSize],
    );
    return rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
