import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, LedgerConfig, loadLedgerConfig, SqliteSynchronous } from '@app/config';
import { EventStore } from '@app/event-store';
import { connectEventStoreDb } from '@app/event-store/eventstoredb';
import { connectPostgres } from '@app/event-store/postgres';
import { SqliteEventStore } from '@app/event-store/sqlite';
import { CliError } from './cli-error';

/** Which store the tool works on: the embedded file in a data dir, or an EventStoreDB. */
export interface StoreTarget {
  /** Always set: the read models live here even when the events are in EventStoreDB. */
  dataDir: string;
  eventStoreDb?: string;
  /** LEDGER_POSTGRES_URL when LEDGER_EVENT_STORE=postgres. */
  postgresUrl?: string;
  sqliteSynchronous?: SqliteSynchronous;
  /** The checkpoint origin (LEDGER_LOG_ORIGIN). */
  logOrigin: string;
  /** LEDGER_SIGNING_KEY, when set (else the key kept in the data dir, if any). */
  signingKey?: string;
  /** LEDGER_BREACH_STREAK: a rebuild finds the streaks the API would. */
  breachStreak: number;
}

/**
 * The flags override the environment (`--data-dir` is LEDGER_DATA_DIR, `--eventstoredb` is
 * LEDGER_EVENT_STORE=eventstoredb with that connection string); the result goes through the
 * API's own loadLedgerConfig, so the tool accepts and refuses exactly what the API does.
 */
export function resolveStoreTarget(
  flags: { dataDir?: string; eventStoreDb?: string },
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): StoreTarget {
  const config = resolveLedgerConfig(flags, env, cwd);
  const signing = {
    logOrigin: config.logOrigin,
    signingKey: config.signingKey,
    breachStreak: config.breachStreak,
  };
  switch (config.eventStore) {
    case 'eventstoredb':
      return {
        dataDir: config.dataDir,
        eventStoreDb: config.eventStoreDbConnectionString,
        ...signing,
      };
    case 'postgres':
      return { dataDir: config.dataDir, postgresUrl: config.postgresUrl, ...signing };
    case 'sqlite':
      return { dataDir: config.dataDir, sqliteSynchronous: config.sqliteSynchronous, ...signing };
  }
}

/** The API's configuration with the tool's flags applied (what `import` runs the API with). */
export function resolveLedgerConfig(
  flags: { dataDir?: string; eventStoreDb?: string },
  env: NodeJS.ProcessEnv,
  cwd = process.cwd(),
): LedgerConfig {
  const merged: NodeJS.ProcessEnv = { ...env };
  if (flags.dataDir !== undefined) merged.LEDGER_DATA_DIR = flags.dataDir;
  if (flags.eventStoreDb !== undefined) {
    merged.LEDGER_EVENT_STORE = 'eventstoredb';
    merged.EVENTSTOREDB_CONNECTION_STRING = flags.eventStoreDb;
  }
  try {
    return loadLedgerConfig(merged, cwd);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(error.message);
    throw error;
  }
}

/** Opens the store; an embedded store must already exist (the tool never creates an empty one). */
export async function openStore(target: StoreTarget): Promise<EventStore> {
  if (target.eventStoreDb !== undefined) {
    try {
      return await connectEventStoreDb(target.eventStoreDb);
    } catch (error) {
      throw new CliError(`bad EventStoreDB connection string: ${(error as Error).message}`);
    }
  }
  if (target.postgresUrl !== undefined) {
    try {
      return await connectPostgres(target.postgresUrl);
    } catch (error) {
      throw new CliError(`PostgreSQL event store unreachable: ${(error as Error).message}`);
    }
  }
  const file = join(target.dataDir, 'events.db');
  if (!existsSync(file)) {
    throw new CliError(`no event store at ${file} (use --data-dir or LEDGER_DATA_DIR)`);
  }
  return SqliteEventStore.open({ file, synchronous: target.sqliteSynchronous });
}

export function describeTarget(target: StoreTarget): string {
  if (target.eventStoreDb !== undefined) {
    return `EventStoreDB ${target.eventStoreDb.replace(/\/\/[^@/]*@/, '//***@')}`;
  }
  if (target.postgresUrl !== undefined) {
    return `PostgreSQL ${target.postgresUrl.replace(/\/\/[^@/]*@/, '//***@')}`;
  }
  return join(target.dataDir, 'events.db');
}
