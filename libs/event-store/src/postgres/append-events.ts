import type { PoolClient } from 'pg';
import type { ActualRevision, ExpectedRevision } from '../expected-revision';
import type { Chained, StreamTail } from '../integrity/chain-events';
import type { NewEvent } from '../new-event';
import type { EventRow } from './event-row';
import { POSTGRES_SQL } from './sql';

/** One append ready for a group: its events stamped and hashed onto `tail`. */
export interface ChainedAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  /** The stream's last event the chain was hashed onto; none for a new stream. */
  tail: StreamTail | undefined;
  events: readonly Chained<NewEvent>[];
}

/** What became of one append of a group (see append-function.ts). */
export type AppendOutcome =
  | { kind: 'appended'; revision: number; position: string; hash: string }
  /** The same events were appended before: their original answer. */
  | { kind: 'duplicate'; revision: number; position: string }
  | { kind: 'conflict'; actual: ActualRevision }
  /** The head moved past `tail` (another writer): hash again onto `head`. */
  | { kind: 'stale'; head: StreamTail | undefined };

interface OutcomeRow {
  outcome: AppendOutcome['kind'];
  out_revision: number | null;
  out_position: string | null;
  out_hash: string | null;
}

/** What a group's statement did: one outcome per append, and the rows it stored. */
export interface GroupCommitted {
  outcomes: AppendOutcome[];
  /** The events stored, as a read of the log returns them, in position order (consecutive). */
  stored: EventRow[];
}

/**
 * A group of appends as one statement on `client`, so one transaction under the append lock
 * and one WAL flush: answers one outcome per append, in order, and the rows it stored. The
 * statement is prepared once per connection.
 */
export async function appendGroup(
  client: PoolClient,
  appends: readonly ChainedAppend[],
): Promise<GroupCommitted> {
  const values = appendGroupValues(appends);
  const { rows } = await client.query<OutcomeRow>({
    name: 'ledger_append',
    text: POSTGRES_SQL.appendGroup,
    values,
  });
  if (rows.length !== appends.length) {
    throw new Error(`ledger_append answered ${rows.length} outcomes for ${appends.length} appends`);
  }
  const outcomes = rows.map(toOutcome);
  return { outcomes, stored: storedRows(appends, outcomes, values[7], values[8]) };
}

/** ledger_append's eleven parameters for `appends` (see append-function.ts). */
export function appendGroupValues(appends: readonly ChainedAppend[]) {
  const events = appends.flatMap((append) => append.events);
  return [
    appends.map((a) => a.streamId),
    appends.map((a) => String(a.expectedRevision)),
    appends.map((a) => (a.tail ? a.tail.revision : -1)),
    appends.map((a) => (a.tail ? a.tail.hash : null)),
    appends.map((a) => a.events.length),
    events.map((e) => e.eventId),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.data)),
    events.map((e) => JSON.stringify(e.metadata)),
    events.map((e) => e.previousHash),
    events.map((e) => e.hash),
  ] as const;
}

/**
 * The rows the statement stored, built from what it was sent: the appended appends' events,
 * each at its revision and position (an append's last ones are in its outcome). Text as sent,
 * so a read of them would return the same rows.
 */
function storedRows(
  appends: readonly ChainedAppend[],
  outcomes: readonly AppendOutcome[],
  datas: readonly string[],
  metadatas: readonly string[],
): EventRow[] {
  const stored: EventRow[] = [];
  let at = 0;
  appends.forEach((append, i) => {
    const outcome = outcomes[i];
    const n = append.events.length;
    if (outcome.kind === 'appended') {
      const lastPosition = BigInt(outcome.position);
      append.events.forEach((event, k) => {
        stored.push([
          String(lastPosition - BigInt(n - 1 - k)),
          append.streamId,
          outcome.revision - (n - 1 - k),
          event.eventId,
          event.type,
          datas[at + k],
          metadatas[at + k],
          event.previousHash,
          event.hash,
        ]);
      });
    }
    at += n;
  });
  return stored;
}

function toOutcome(row: OutcomeRow): AppendOutcome {
  switch (row.outcome) {
    case 'appended':
      return {
        kind: 'appended',
        revision: row.out_revision as number,
        position: row.out_position as string,
        hash: row.out_hash as string,
      };
    case 'duplicate':
      return {
        kind: 'duplicate',
        revision: row.out_revision as number,
        position: row.out_position as string,
      };
    case 'conflict':
      return { kind: 'conflict', actual: row.out_revision ?? 'no_stream' };
    case 'stale':
      return {
        kind: 'stale',
        head:
          row.out_revision === null
            ? undefined
            : { revision: row.out_revision, hash: row.out_hash as string },
      };
  }
}
