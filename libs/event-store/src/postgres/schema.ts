import type { PoolClient } from 'pg';
import { APPEND_FUNCTION_SQL } from './append-function';
import { APPEND_SET_FUNCTION_SQL } from './append-set-function';

/**
 * The PostgreSQL store's schema, as numbered migrations. The version applied last is kept in
 * `ledger_schema`, changed in the same transaction as the migration; a migration lock (an
 * advisory key of its own) stops two processes opening one fresh database from both running it.
 */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      -- position: given out under the append lock in commit order (see sql.ts), never reused.
      -- data and metadata stay JSON text: jsonb would reorder keys and round numbers.
      CREATE TABLE events (
        position      BIGINT  PRIMARY KEY,
        stream_id     TEXT    NOT NULL,
        revision      INTEGER NOT NULL,
        event_id      TEXT    NOT NULL,
        type          TEXT    NOT NULL,
        data          TEXT    NOT NULL,
        metadata      TEXT    NOT NULL,
        previous_hash TEXT    NOT NULL,
        hash          TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
      -- idempotent appends look an event id up within its stream
      CREATE INDEX events_stream_event_id ON events (stream_id, event_id);
      -- a stream's head, so an append never scans the events table
      CREATE TABLE streams (
        stream_id TEXT    PRIMARY KEY,
        revision  INTEGER NOT NULL,
        last_hash TEXT    NOT NULL
      );
      -- the latest snapshot of a stream's state: not part of the log (no hash, no position)
      CREATE TABLE snapshots (
        stream_id TEXT    PRIMARY KEY,
        shape     TEXT    NOT NULL,
        revision  INTEGER NOT NULL,
        position  TEXT    NOT NULL,
        state     TEXT    NOT NULL
      );
    `,
  },
  // A group of appends in one statement: one round trip and one WAL flush per group.
  { version: 2, sql: APPEND_FUNCTION_SQL },
  // The same function appending a group with a few statements whatever its size.
  { version: 3, sql: APPEND_SET_FUNCTION_SQL },
];

export const POSTGRES_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

const MIGRATION_LOCK = 'SELECT pg_advisory_xact_lock(7283540002)';

/**
 * Brings the database to {@link POSTGRES_SCHEMA_VERSION} (or to `target`, for a test making a
 * database as older code did); refuses one made by newer code.
 */
export async function migratePostgresSchema(
  client: PoolClient,
  target = POSTGRES_SCHEMA_VERSION,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(MIGRATION_LOCK);
    await client.query('CREATE TABLE IF NOT EXISTS ledger_schema (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>(
      'SELECT MAX(version) AS version FROM ledger_schema',
    );
    const current = rows[0]?.version ?? 0;
    if (current > POSTGRES_SCHEMA_VERSION) {
      throw new Error(
        `event store schema version ${current} is newer than this code understands (${POSTGRES_SCHEMA_VERSION}); upgrade the ledger`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (migration.version <= current || migration.version > target) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO ledger_schema (version) VALUES ($1)', [migration.version]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
