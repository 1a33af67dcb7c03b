import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EVENTS_FILE, openEventStore } from '@app/composition';
import { ConfigError, LedgerConfig, loadLedgerConfig } from '@app/config';
import { EventStore } from '@app/event-store';
import { CliError } from './cli-error';

/**
 * The API's configuration with the tool's flags applied: the flags override the environment
 * (`--data-dir` is LEDGER_DATA_DIR, `--eventstoredb` is LEDGER_EVENT_STORE=eventstoredb with that
 * connection string), and the result goes through the API's own loadLedgerConfig, so the tool
 * accepts and refuses exactly what the API does.
 */
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

/**
 * Opens the store the configuration names, as the API does (@app/composition); an embedded
 * store must already exist (the tool never creates an empty one).
 */
export async function openStore(config: LedgerConfig): Promise<EventStore> {
  if (config.eventStore === 'sqlite') {
    const file = join(config.dataDir, EVENTS_FILE);
    if (!existsSync(file)) {
      throw new CliError(`no event store at ${file} (use --data-dir or LEDGER_DATA_DIR)`);
    }
    return openEventStore(config);
  }
  try {
    return await openEventStore(config);
  } catch (error) {
    throw new CliError(`${describeTarget(config)} unreachable: ${(error as Error).message}`);
  }
}

/** The store in a line, without the password of a connection string. */
export function describeTarget(config: LedgerConfig): string {
  const hidden = (url: string) => url.replace(/\/\/[^@/]*@/, '//***@');
  switch (config.eventStore) {
    case 'eventstoredb':
      return `EventStoreDB ${hidden(config.eventStoreDbConnectionString ?? '')}`;
    case 'postgres':
      return `PostgreSQL ${hidden(config.postgresUrl ?? '')}`;
    case 'sqlite':
      return join(config.dataDir, EVENTS_FILE);
  }
}
