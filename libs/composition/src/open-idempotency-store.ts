import { join } from 'node:path';
import { LedgerConfig } from '@app/config';
import { IdempotencyStore } from '@app/ledger';
import { connectPostgresIdempotency } from '@app/ledger/postgres';
import { SqliteIdempotencyStore } from '@app/ledger/sqlite';

/**
 * Opens the Idempotency-Key index: the PostgreSQL database every instance shares whenever the
 * ledger has one (a key used on one instance is bound on all), else this process's
 * `<dataDir>/idempotency.db`, whose claims follow LEDGER_SQLITE_SYNCHRONOUS as the events do.
 */
export async function openIdempotencyStore(
  config: LedgerConfig,
  now: () => string,
): Promise<IdempotencyStore> {
  if (config.idempotencyKeys === 'sqlite') {
    return new SqliteIdempotencyStore(
      join(config.dataDir, 'idempotency.db'),
      now,
      config.sqliteSynchronous,
    );
  }
  if (config.postgresUrl === undefined) {
    throw new Error('LEDGER_POSTGRES_URL: required for idempotency keys in PostgreSQL');
  }
  return connectPostgresIdempotency(config.postgresUrl, now);
}
