import { openEventStore } from '@app/composition';
import { LedgerConfig } from '@app/config';
import { EventStore } from '@app/event-store';

/** How often the projector looks for the API's commits to the embedded store. */
export const WATCH_API_COMMITS_MS = 20;

/**
 * The store the configuration names, as the projector follows it. The embedded one is the
 * API's `<dataDir>/events.db`: SQLite in WAL mode lets this second process read it while the
 * API writes (and the saga's rare appends queue for its write lock).
 */
export function openProjectorStore(config: LedgerConfig): Promise<EventStore> {
  return openEventStore(config, { watchOtherWritersMs: WATCH_API_COMMITS_MS });
}
