import type { AppendResult } from '../append-result';
import { type ExpectedRevision, satisfiesExpectedRevision } from '../expected-revision';
import { chainEvents } from '../integrity/chain-events';
import type { NewEvent } from '../new-event';
import { RevisionConflict } from '../revision-conflict.error';
import { type EventRow, ROW_POSITION } from './event-row';
import { schemaVersionColumn } from './sql';
import type { SqliteStatements } from './statements';

/**
 * One append's work. It must run inside an open transaction (or savepoint): the idempotency
 * check, the expected-revision check, the hash chain and the inserts all see the same state,
 * so two writers can never chain onto the same predecessor.
 *
 * @param recordedAt the time stamped on events whose writer left `metadata.recordedAt` out
 *   (undefined when every event has its own)
 * @param inserted told the rows once every statement of the append ran (for this process's
 *   subscribers, see own-commits.ts)
 */
export function appendEvents(
  statements: SqliteStatements,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  recordedAt: string | undefined,
  inserted?: (rows: readonly EventRow[]) => void,
): AppendResult {
  if (events.length === 0) throw new RangeError('an append needs at least one event');

  // Before the revision check: a retry of an append that succeeded has a stale expectation
  // by now, yet must get its original answer.
  const original = findOriginalAppend(statements, streamId, events);
  if (original) return original;

  const head = statements.streamHead.get(streamId);
  const actual = head ? head.revision : 'no_stream';
  if (!satisfiesExpectedRevision(expectedRevision, actual)) {
    throw new RevisionConflict(streamId, expectedRevision, actual);
  }

  const stamped =
    recordedAt === undefined
      ? events
      : events.map((event) =>
          event.metadata.recordedAt === undefined
            ? { ...event, metadata: { ...event.metadata, recordedAt } }
            : event,
        );
  const chained = chainEvents(
    streamId,
    head ? { revision: head.revision, hash: head.last_hash } : undefined,
    stamped,
  );
  const rows: EventRow[] = [];
  for (const event of chained) {
    // The row as readers get it (for this process's subscribers); its position is the rowid.
    const row: EventRow = [
      0,
      streamId,
      event.revision,
      event.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(event.metadata),
      event.previousHash,
      event.hash,
    ];
    // The row's columns after the position are the INSERT's, in its order (sql.ts).
    const [, ...columns] = row;
    const inserted = statements.insertEvent.run(
      ...columns,
      schemaVersionColumn(event.metadata.schemaVersion),
    );
    row[ROW_POSITION] = Number(inserted.lastInsertRowid);
    rows.push(row);
  }
  // The Merkle log's leaves, in this same transaction (see sqlite-merkle-log.ts).
  statements.merkleLog.record(
    rows[0][0],
    chained.map((event) => event.hash),
  );
  inserted?.(rows);
  return {
    revision: chained[chained.length - 1].revision,
    position: String(rows[rows.length - 1][0]),
  };
}

/** The result of an earlier append of exactly these event ids at consecutive revisions, if any. */
function findOriginalAppend(
  statements: SqliteStatements,
  streamId: string,
  events: readonly NewEvent[],
): AppendResult | undefined {
  const first = statements.findEventInStream.get(streamId, events[0].eventId);
  if (!first) return undefined;
  const stored = statements.eventIdsFrom.all(streamId, first.revision, events.length);
  if (stored.length !== events.length) return undefined;
  for (let i = 0; i < events.length; i += 1) {
    if (stored[i].event_id !== events[i].eventId) return undefined;
  }
  const last = stored[stored.length - 1];
  return { revision: last.revision, position: String(last.position) };
}
