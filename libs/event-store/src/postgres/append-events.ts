import type { PoolClient } from 'pg';
import type { AppendResult } from '../append-result';
import { type ExpectedRevision, satisfiesExpectedRevision } from '../expected-revision';
import { chainEvents } from '../integrity/chain-events';
import type { NewEvent } from '../new-event';
import { RevisionConflict } from '../revision-conflict.error';
import { POSTGRES_SQL } from './sql';

/**
 * One append, as one transaction on `client`. The append lock is taken first, so the
 * idempotency check, the expected-revision check, the hash chain, the position and the insert
 * all see the state the previous commit left, and the next append sees this one's (see
 * POSTGRES_SQL.appendLock for why that keeps position order equal to commit order).
 *
 * @param recordedAt the time stamped on events whose writer left `metadata.recordedAt` out
 */
export async function appendEvents(
  client: PoolClient,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  recordedAt: string,
): Promise<AppendResult> {
  if (events.length === 0) throw new RangeError('an append needs at least one event');
  await client.query('BEGIN');
  try {
    await client.query(POSTGRES_SQL.appendLock);
    const result = await appendLocked(client, streamId, events, expectedRevision, recordedAt);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function appendLocked(
  client: PoolClient,
  streamId: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision,
  recordedAt: string,
): Promise<AppendResult> {
  // Before the revision check: a retry of an append that succeeded has a stale expectation
  // by now, yet must get its original answer.
  const original = await findOriginalAppend(client, streamId, events);
  if (original) return original;

  const head = (
    await client.query<{ revision: number; last_hash: string }>(POSTGRES_SQL.streamHead, [streamId])
  ).rows[0];
  const actual = head ? head.revision : 'no_stream';
  if (!satisfiesExpectedRevision(expectedRevision, actual)) {
    throw new RevisionConflict(streamId, expectedRevision, actual);
  }
  const stamped = events.map((event) =>
    event.metadata.recordedAt === undefined
      ? { ...event, metadata: { ...event.metadata, recordedAt } }
      : event,
  );
  const chained = chainEvents(
    streamId,
    head ? { revision: head.revision, hash: head.last_hash } : undefined,
    stamped,
  );
  const next = BigInt(
    (await client.query<{ next: string }>(POSTGRES_SQL.nextPosition)).rows[0].next,
  );
  const positions = chained.map((_, i) => (next + BigInt(i)).toString());
  await client.query(POSTGRES_SQL.insertEvents, [
    positions,
    chained.map(() => streamId),
    chained.map((e) => e.revision),
    chained.map((e) => e.eventId),
    chained.map((e) => e.type),
    chained.map((e) => JSON.stringify(e.data)),
    chained.map((e) => JSON.stringify(e.metadata)),
    chained.map((e) => e.previousHash),
    chained.map((e) => e.hash),
  ]);
  const last = chained[chained.length - 1];
  const position = positions[positions.length - 1];
  await client.query(POSTGRES_SQL.upsertStreamHead, [streamId, last.revision, last.hash]);
  await client.query(POSTGRES_SQL.notifyCommit, [position]);
  return { revision: last.revision, position };
}

/** The result of an earlier append of exactly these event ids at consecutive revisions, if any. */
async function findOriginalAppend(
  client: PoolClient,
  streamId: string,
  events: readonly NewEvent[],
): Promise<AppendResult | undefined> {
  const first = (
    await client.query<{ revision: number }>(POSTGRES_SQL.findEventInStream, [
      streamId,
      events[0].eventId,
    ])
  ).rows[0];
  if (!first) return undefined;
  const stored = (
    await client.query<{ revision: number; event_id: string; position: string }>(
      POSTGRES_SQL.eventIdsFrom,
      [streamId, first.revision, events.length],
    )
  ).rows;
  if (stored.length !== events.length) return undefined;
  for (let i = 0; i < events.length; i += 1) {
    if (stored[i].event_id !== events[i].eventId) return undefined;
  }
  const last = stored[stored.length - 1];
  return { revision: last.revision, position: last.position };
}
