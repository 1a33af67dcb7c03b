import type { EventRow as DriverEventRow } from '../event-row';

export { ROW_POSITION, ROW_REVISION, toRecordedEvent } from '../event-row';

/** One `events` row as better-sqlite3 returns it in raw (array) mode: positions are numbers. */
export type EventRow = DriverEventRow<number>;
