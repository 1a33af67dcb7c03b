import type { AppendResult } from '../append-result';
import { type ExpectedRevision, satisfiesExpectedRevision } from '../expected-revision';
import { computeEventHash, GENESIS_HASH } from '../integrity/event-hash';
import type { NewEvent } from '../new-event';
import { RevisionConflict } from '../revision-conflict.error';
import type { SqliteStatements } from './statements';

/**
 * One append's work. It must run inside an open transaction (or savepoint): the idempotency
 * check, the expected-revision check, the hash chain and the inserts all see the same state,
 * so two writers can never chain onto the same predecessor.
 *
 * @param recordedAt the time stamped on events whose writer left `metadata.recordedAt` out
 */
export function appendEvents(
  statements: SqliteStatements,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  recordedAt: string,
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

  let revision = head ? head.revision : -1;
  let previousHash = head ? head.last_hash : GENESIS_HASH;
  let position: number | bigint = 0;
  for (const event of events) {
    revision += 1;
    const metadata =
      event.metadata.recordedAt === undefined ? { ...event.metadata, recordedAt } : event.metadata;
    const hash = computeEventHash({
      streamId,
      revision,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata,
      previousHash,
    });
    position = statements.insertEvent.run(
      streamId,
      revision,
      event.eventId,
      event.type,
      JSON.stringify(event.data),
      JSON.stringify(metadata),
      previousHash,
      hash,
    ).lastInsertRowid;
    previousHash = hash;
  }
  statements.upsertStreamHead.run(streamId, revision, previousHash);
  return { revision, position: String(position) };
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
