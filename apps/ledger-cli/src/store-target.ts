import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EventStore, EventStoreDbEventStore, SqliteEventStore } from '@app/event-store';
import { CliError } from './cli-error';

/** Which store the tool works on: the embedded file in a data dir, or an EventStoreDB. */
export interface StoreTarget {
  /** Always set: the read models live here even when the events are in EventStoreDB. */
  dataDir: string;
  eventStoreDb?: string;
}

/**
 * `--eventstoredb` wins, then `LEDGER_EVENT_STORE=eventstoredb` with
 * `EVENTSTOREDB_CONNECTION_STRING`; else the data dir (`--data-dir`, `LEDGER_DATA_DIR`, ./data).
 */
export function resolveStoreTarget(
  flags: { dataDir?: string; eventStoreDb?: string },
  env: NodeJS.ProcessEnv,
): StoreTarget {
  // Empty values mean "not set", as they do for the API's configuration.
  const dataDir = resolve(flags.dataDir ?? (env.LEDGER_DATA_DIR?.trim() || './data'));
  if (flags.eventStoreDb !== undefined) return { dataDir, eventStoreDb: flags.eventStoreDb };
  const kind = env.LEDGER_EVENT_STORE?.trim() || 'sqlite';
  if (kind !== 'sqlite' && kind !== 'eventstoredb') {
    throw new CliError(`LEDGER_EVENT_STORE: "${kind}" is not one of sqlite, eventstoredb`);
  }
  if (kind === 'eventstoredb') {
    const connection = env.EVENTSTOREDB_CONNECTION_STRING;
    if (!connection) {
      throw new CliError(
        'LEDGER_EVENT_STORE=eventstoredb needs EVENTSTOREDB_CONNECTION_STRING (or pass --eventstoredb)',
      );
    }
    return { dataDir, eventStoreDb: connection };
  }
  return { dataDir };
}

/** Opens the store; an embedded store must already exist (the tool never creates an empty one). */
export function openStore(target: StoreTarget): EventStore {
  if (target.eventStoreDb !== undefined) {
    try {
      return EventStoreDbEventStore.connect(target.eventStoreDb);
    } catch (error) {
      throw new CliError(`bad EventStoreDB connection string: ${(error as Error).message}`);
    }
  }
  const file = join(target.dataDir, 'events.db');
  if (!existsSync(file)) {
    throw new CliError(`no event store at ${file} (use --data-dir or LEDGER_DATA_DIR)`);
  }
  return SqliteEventStore.open({ file });
}

export function describeTarget(target: StoreTarget): string {
  return target.eventStoreDb !== undefined
    ? `EventStoreDB ${target.eventStoreDb.replace(/\/\/[^@/]*@/, '//***@')}`
    : join(target.dataDir, 'events.db');
}
